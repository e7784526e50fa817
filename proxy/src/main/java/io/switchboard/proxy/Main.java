package io.switchboard.proxy;

import ch.qos.logback.classic.LoggerContext;
import io.switchboard.conf.ConfigError;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.cli.MeetingsCommand;
import io.switchboard.proxy.cli.PollCommand;
import io.switchboard.proxy.cli.RecordingsCommand;
import io.switchboard.proxy.cli.ServersCommand;
import io.switchboard.proxy.cli.StatusCommand;
import io.switchboard.proxy.cli.TenantsCommand;
import io.switchboard.proxy.server.StoresFactory;
import io.switchboard.proxy.server.SwitchboardServer;
import io.switchboard.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar switchboard.jar [--config FILE] [COMMAND]}: without a command, loads the configuration
 * (reference.conf, the operator's HOCON file, Scalelite's environment variables), opens the stores it names (the
 * embedded in-memory default, or Redis and PostgreSQL) and serves until stopped; with one, runs that operator command. A bad configuration or command line
 * is one line on stderr and exit code 2, with nothing started.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "Switchboard 0.1",
    description = "A Scalelite-compatible load balancer for BigBlueButton.",
    subcommands = {RecordingsCommand.class, ServersCommand.class, StatusCommand.class, PollCommand.class,
        MeetingsCommand.class, TenantsCommand.class})
public final class Main implements Callable<Integer> {
  /** Exit status of a bad command line or configuration, as picocli uses for usage errors. */
  public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
  public static final int EXIT_FAILURE = CommandLine.ExitCode.SOFTWARE;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "HOCON file overriding reference.conf; Scalelite's environment variables override both.")
  private @Nullable Path configFile;

  private Main() {}

  public static void main(String[] args) {
    int status = commandLine().execute(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The command line with its subcommands, printing a configuration error as one line with exit status 2. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
      if (failure instanceof ConfigError invalid) {
        line.getErr().println("switchboard: configuration error: " + invalid.getMessage());
        return EXIT_USAGE;
      }
      throw failure;
    });
    return commandLine;
  }

  /** The configuration this command line names, with the process environment. */
  public SwitchboardConfig config() {
    return ConfigLoader.load(Optional.ofNullable(configFile), System.getenv());
  }

  @Override
  public Integer call() throws InterruptedException {
    SwitchboardConfig config = config();
    Clock clock = Clock.systemUTC();
    Stores stores;
    SwitchboardServer server;
    try {
      stores = StoresFactory.open(config, clock);
    } catch (RuntimeException failure) {
      System.err.println("switchboard: cannot open the stores: " + failure.getMessage());
      return EXIT_FAILURE;
    }
    try {
      server = SwitchboardServer.start(config, stores, clock);
    } catch (RuntimeException failure) {
      stores.close();
      System.err.println("switchboard: cannot start: " + failure.getMessage());
      return EXIT_FAILURE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, stores, config), "switchboard-shutdown"));
    server.awaitClose();
    return 0;
  }

  /**
   * The shutdown hook (SIGTERM from docker stop, systemctl stop or Kubernetes; SIGINT): a graceful {@link
   * SwitchboardServer#shutdown} within {@code switchboard.shutdown.grace-period}, then the stores close. It ends the
   * process with status 0 itself — a JVM stopped by a signal would otherwise exit with 128 + the signal's number, which
   * supervisors count as a failure although every request was answered.
   */
  private static void stop(SwitchboardServer server, Stores stores, SwitchboardConfig config) {
    Logger log = LoggerFactory.getLogger(Main.class);
    try {
      server.shutdown(config.shutdown().gracePeriod());
      stores.close();
      log.info("Switchboard stopped");
    } catch (RuntimeException failure) {
      log.error("Switchboard did not stop cleanly", failure);
      flushLogs();
      Runtime.getRuntime().halt(EXIT_FAILURE);
    }
    flushLogs();
    Runtime.getRuntime().halt(0);
  }

  /** Logback may buffer (an async appender); halting skips its own shutdown, so stop it first. */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.stop();
    }
  }
}
