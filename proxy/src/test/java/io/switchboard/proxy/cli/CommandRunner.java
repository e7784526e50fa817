package io.switchboard.proxy.cli;

import io.switchboard.proxy.Main;
import io.switchboard.proxy.testing.SwitchboardFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code switchboard} commands as an operator would, with one configuration file, and keeps what they print.
 *
 * <p>Every CLI test needs the same harness: a configuration pointing at the Switchboard under test, picocli's stdout
 * and stderr captured, and sometimes an answer typed at a prompt. One runner per configuration keeps that in one
 * place; a test class usually holds one for its whole fixture and {@linkplain #clear() clears} it before each test.
 */
final class CommandRunner {
  private final Path config;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandRunner(Path config) {
    this.config = config;
  }

  /**
   * A runner whose configuration, written as {@code switchboard.conf} in {@code dir}, reaches {@code switchboard} on
   * loopback with its API secret.
   */
  static CommandRunner against(SwitchboardFixture switchboard, Path dir) throws IOException {
    return withConfig(Files.writeString(dir.resolve("switchboard.conf"), """
        switchboard.api.secrets = ["%s"]
        switchboard.http.port = %d
        switchboard.http.bind-address = "127.0.0.1"
        """.formatted(SwitchboardFixture.SECRET, switchboard.port())));
  }

  /** A runner that passes {@code --config config} to every command, for a test whose configuration is its subject. */
  static CommandRunner withConfig(Path config) {
    return new CommandRunner(config);
  }

  /** Runs {@code args} with an empty standard input and answers the exit code. */
  int run(String... args) {
    return runWithStdin("", args);
  }

  /**
   * Runs {@code args} with {@code stdin} as the standard input (a file given as {@code -}, or what the operator types
   * at a yes prompt) and answers the exit code. {@link System#in} is restored afterwards.
   */
  int runWithStdin(String stdin, String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config.toString());
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return commandLine.execute(all.toArray(String[]::new));
    } finally {
      System.setIn(original);
    }
  }

  /** What the commands run since the last clear printed on stdout. */
  String out() {
    return out.toString();
  }

  /** What the commands run since the last clear printed on stderr. */
  String err() {
    return err.toString();
  }

  /** Forgets what was printed on both streams. */
  void clear() {
    clearOut();
    clearErr();
  }

  /** Forgets what was printed on stdout only. */
  void clearOut() {
    out.getBuffer().setLength(0);
  }

  /** Forgets what was printed on stderr only. */
  void clearErr() {
    err.getBuffer().setLength(0);
  }
}
