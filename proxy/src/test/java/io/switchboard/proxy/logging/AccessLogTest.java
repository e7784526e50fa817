package io.switchboard.proxy.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.switchboard.conf.LoggingConfig;
import io.switchboard.proxy.testing.NettyLeakExtension;
import io.switchboard.proxy.testing.SwitchboardFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The access lines of real API calls: what was called, where it went and how it ended — and no secret. */
@ExtendWith(NettyLeakExtension.class)
class AccessLogTest {
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
  void eachCallIsOneLineWithoutChecksumSecretOrPassword() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      switchboard.pollNow();
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      LogSetup.apply(new LoggingConfig(LoggingConfig.Format.JSON, true, LoggingConfig.Level.WARN,
          Map.of(AccessLog.LOGGER, LoggingConfig.Level.INFO)));
      URI create = switchboard.signed("create", "meetingID=logged&name=Logged&moderatorPW=mod-secret-pw",
          SwitchboardFixture.SECRET, "SHA-256");
      URI join = switchboard.signed("join", "meetingID=logged&fullName=Ann&password=mod-secret-pw",
          SwitchboardFixture.SECRET, "SHA-256");
      switchboard.get(create);
      switchboard.get(join);
      switchboard.get(switchboard.signed("end", "meetingID=logged", "wrong-secret", "SHA-256"));
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    String[] lines = log.strip().split("\\R");

    assertThat(lines).hasSize(3);
    assertThat(lines[0]).contains("\"call\":\"create\"", "\"meeting\":\"logged\"", "\"server\":\"bbb0\"",
        "\"outcome\":\"success\"");
    assertThat(lines[1]).contains("\"call\":\"join\"", "\"server\":\"bbb0\"", "\"status\":\"302\"");
    assertThat(lines[2]).contains("\"call\":\"end\"", "\"outcome\":\"checksumError\"", "\"server\":\"-\"");
    assertThat(log).doesNotContain("checksum=", SwitchboardFixture.SECRET, "mod-secret-pw", "wrong-secret");
  }
}
