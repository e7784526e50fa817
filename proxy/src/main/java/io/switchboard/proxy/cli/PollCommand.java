package io.switchboard.proxy.cli;

import io.switchboard.proxy.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code switchboard poll}: Scalelite's {@code rake poll} — the running instance polls every server now. */
@Command(name = "poll", mixinStandardHelpOptions = true,
    description = "Poll every server now (health, load, statistics) and wait for the poll to finish.")
public final class PollCommand implements Callable<Integer> {
  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServersOptions options;

  @Override
  public Integer call() {
    return options.run(main, spec, client -> {
      var answer = client.post("pollServers", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
      spec.commandLine().getOut().println(options.json() ? options.render(answer) : "OK");
      return 0;
    });
  }
}
