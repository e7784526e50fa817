package io.switchboard.proxy;

import io.switchboard.conf.ConfigError;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.SwitchboardServer;
import io.switchboard.storage.Stores;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code java -jar switchboard.jar [--config FILE]}: loads the configuration (reference.conf, the operator's HOCON file,
 * Scalelite's environment variables), starts Switchboard on the embedded in-memory stores and serves until stopped.
 * A bad configuration is one line on stderr and exit code 2, with nothing started.
 */
public final class Main {
  static final int EXIT_USAGE = 2;
  static final int EXIT_FAILURE = 1;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException usage) {
      System.err.println("switchboard: " + usage.getMessage());
      printUsage(System.err);
      System.exit(EXIT_USAGE);
      return;
    }
    if (arguments.help()) {
      printUsage(System.out);
      return;
    }
    SwitchboardConfig config;
    try {
      config = ConfigLoader.load(arguments.configFile(), System.getenv());
    } catch (ConfigError invalid) {
      System.err.println("switchboard: configuration error: " + invalid.getMessage());
      System.exit(EXIT_USAGE);
      return;
    }
    Clock clock = Clock.systemUTC();
    SwitchboardServer server;
    try {
      server = SwitchboardServer.start(config, Stores.inMemory(clock, config.rewrite().meetingTtl()), clock);
    } catch (RuntimeException failure) {
      System.err.println("switchboard: cannot start: " + failure.getMessage());
      System.exit(EXIT_FAILURE);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "switchboard-shutdown"));
    server.awaitClose();
  }

  /** The command line: {@code --config FILE} (or {@code -c FILE}, {@code --config=FILE}) and {@code --help}. */
  record Arguments(boolean help, Optional<Path> configFile) {
    static Arguments parse(String[] args) {
      Optional<Path> file = Optional.empty();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          return new Arguments(true, file);
        }
        if (arg.equals("--config") || arg.equals("-c")) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(arg + " needs a file name");
          }
          file = Optional.of(Path.of(args[++i]));
        } else if (arg.startsWith("--config=")) {
          file = Optional.of(Path.of(arg.substring("--config=".length())));
        } else {
          throw new IllegalArgumentException("unknown argument: " + arg);
        }
      }
      return new Arguments(false, file);
    }
  }

  private static void printUsage(PrintStream out) {
    out.println("usage: java -jar switchboard.jar [--config FILE]");
    out.println("  FILE is HOCON overriding reference.conf; Scalelite's environment variables override both.");
  }
}
