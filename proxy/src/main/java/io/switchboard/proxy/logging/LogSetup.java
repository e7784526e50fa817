package io.switchboard.proxy.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.switchboard.conf.LoggingConfig;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Replaces the packaged {@code logback.xml} with what {@code switchboard.logging} says, once the configuration is
 * read: lines on stdout as text or as one JSON object each, the root level and levels by logger. Netty stays at WARN
 * unless the operator names it, as its DEBUG output is for Netty's own developers.
 */
public final class LogSetup {
  static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%kvp%n";

  private LogSetup() {}

  /** Applies {@code config} to the process's Logback; does nothing when another SLF4J backend is bound. */
  public static void apply(LoggingConfig config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    Encoder<ILoggingEvent> encoder = encoder(config.format(), context);
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(config.level()));
    root.addAppender(console);
    context.getLogger("io.netty").setLevel(Level.WARN);
    for (Map.Entry<String, LoggingConfig.Level> named : config.levels().entrySet()) {
      context.getLogger(named.getKey()).setLevel(level(named.getValue()));
    }
    if (!config.apiCalls()) {
      context.getLogger(AccessLog.LOGGER).setLevel(Level.OFF);
    }
  }

  private static Encoder<ILoggingEvent> encoder(LoggingConfig.Format format, LoggerContext context) {
    if (format == LoggingConfig.Format.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithFormattedMessage(true);
      json.setWithArguments(false);
      json.setWithMessage(false);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  static Level level(LoggingConfig.Level level) {
    return Level.toLevel(level.name());
  }
}
