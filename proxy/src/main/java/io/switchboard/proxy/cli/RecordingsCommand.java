package io.switchboard.proxy.cli;

import io.switchboard.proxy.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code switchboard recordings …}: operator commands on recordings. */
@Command(name = "recordings", mixinStandardHelpOptions = true, description = "Work with recordings.",
    subcommands = ImportCommand.class)
public final class RecordingsCommand {
  @ParentCommand
  private Main main;

  Main main() {
    return main;
  }
}
