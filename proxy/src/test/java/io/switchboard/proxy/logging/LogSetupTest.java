package io.switchboard.proxy.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conf.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  private final PrintStream stdout = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @AfterEach
  void restoreTheTestLogging() throws Exception {
    System.setOut(stdout);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void jsonLinesCarryTheApiCallAsFields() throws Exception {
    apply(new LoggingConfig(LoggingConfig.Format.JSON, true, LoggingConfig.Level.INFO, Map.of()));

    AccessLog.apiCall("create", "room-1", "bbb1", "success", 200, 12_000_000);

    JsonNode line = new ObjectMapper().readTree(output().strip());
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("loggerName").asText()).isEqualTo(AccessLog.LOGGER);
    assertThat(line.toString()).contains("\"call\":\"create\"").contains("\"meeting\":\"room-1\"")
        .contains("\"server\":\"bbb1\"").contains("\"outcome\":\"success\"").contains("\"ms\":\"12\"");
  }

  @Test
  void textLinesCarryTheFieldsAsKeyValuePairs() {
    apply(new LoggingConfig(LoggingConfig.Format.TEXT, true, LoggingConfig.Level.INFO, Map.of()));

    AccessLog.apiCall("join", "room-2", null, "notFound", 200, 1_000_000);

    assertThat(output()).contains("INFO").contains(AccessLog.LOGGER.substring(AccessLog.LOGGER.lastIndexOf('.') + 1))
        .contains("call=\"join\"").contains("meeting=\"room-2\"").contains("server=\"-\"")
        .contains("outcome=\"notFound\"");
  }

  @Test
  void apiCallLinesAndLevelsFollowTheConfiguration() {
    apply(new LoggingConfig(LoggingConfig.Format.TEXT, false, LoggingConfig.Level.WARN,
        Map.of("io.switchboard.chatty", LoggingConfig.Level.DEBUG)));

    AccessLog.apiCall("create", "room-1", "bbb1", "success", 200, 1);
    LoggerFactory.getLogger("io.switchboard.quiet").info("not shown at WARN");
    LoggerFactory.getLogger("io.switchboard.chatty").debug("shown at DEBUG");

    assertThat(output()).doesNotContain("room-1").doesNotContain("not shown").contains("shown at DEBUG");
  }

  private void apply(LoggingConfig config) {
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LogSetup.apply(config);
  }

  private String output() {
    return captured.toString(StandardCharsets.UTF_8);
  }
}
