package io.switchboard.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.ServerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard servers …}, {@code status} and {@code poll} against a running Switchboard. */
class ServersCommandTest {
  private static SwitchboardFixture switchboard;
  private static CommandRunner cli;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    switchboard = SwitchboardFixture.start(2);
    cli = CommandRunner.against(switchboard, dir);
  }

  @AfterAll
  static void stop() {
    switchboard.close();
  }

  @BeforeEach
  void clearOutput() {
    cli.clear();
  }

  private static ServerRecord stored(String id) {
    return switchboard.stores().servers().find(id).toCompletableFuture().join().orElseThrow();
  }

  private static void setState(String id, ServerState state) {
    switchboard.stores().servers().update(id, server -> server.withState(state)).toCompletableFuture().join();
  }

  @Test
  void listIsATableAndJsonForScripts() throws IOException {
    assertThat(cli.run("servers", "list")).isZero();
    String[] lines = cli.out().split("\\R");
    assertThat(lines[0]).contains("ID").contains("URL").contains("STATE").contains("STATUS").contains("LOAD MULTIPLIER");
    assertThat(lines[1]).contains("bbb0").contains("enabled").contains("online");
    assertThat(lines[2]).contains("bbb1");

    cli.clearOut();
    assertThat(cli.run("servers", "list", "--output", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("id").asText()).isEqualTo("bbb0");
  }

  @Test
  void infoAndAnUnknownId() {
    assertThat(cli.run("servers", "info", "bbb1")).isZero();
    assertThat(cli.out()).startsWith("id: bbb1").contains("\turl: " + switchboard.bbb(1).apiUrl());

    assertThat(cli.run("servers", "info", "nope")).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("switchboard: Couldn't find server with id=nope");
  }

  @Test
  void addEnabledThenRemove() {
    assertThat(cli.run("servers", "add", "https://bbb42.example.com/bigbluebutton/api", "s42", "--load-multiplier", "2",
        "--tag", "big", "--enabled")).isZero();
    String[] lines = cli.out().split("\\R");
    assertThat(lines[0]).isEqualTo("OK");
    String id = lines[1].substring("id: ".length());
    ServerRecord added = stored(id);
    assertThat(added.state()).isEqualTo(ServerState.ENABLED);
    assertThat(added.loadMultiplier()).isEqualTo(2.0);
    assertThat(added.tags()).containsExactly("big");

    assertThat(cli.run("servers", "update", id, "--secret", "s43", "--tag", "")).isZero();
    assertThat(stored(id).secret()).isEqualTo("s43");
    assertThat(stored(id).tags()).isEmpty();

    assertThat(cli.run("servers", "remove", id)).isZero();
    assertThat(switchboard.stores().servers().find(id).toCompletableFuture().join()).isEmpty();
  }

  @Test
  void addIsDisabledByDefault() {
    assertThat(cli.run("servers", "add", "https://bbb44.example.com/bigbluebutton/api", "s44", "-o", "json")).isZero();
    assertThat(cli.out()).contains("\"state\" : \"disabled\"");
  }

  @Test
  void badArgumentsChangeNothing() {
    int before = switchboard.stores().servers().all().toCompletableFuture().join().size();

    assertThat(cli.run("servers", "add", "bbb.example.com", "s")).isEqualTo(2);
    assertThat(cli.err()).contains("URL must start with http:// or https://");
    assertThat(cli.run("servers", "load-multiplier", "bbb0", "-1")).isEqualTo(2);
    assertThat(cli.run("servers", "load-multiplier", "bbb0", "many")).isEqualTo(2);
    assertThat(cli.run("servers", "frobnicate")).isEqualTo(2);

    assertThat(switchboard.stores().servers().all().toCompletableFuture().join()).hasSize(before);
    assertThat(stored("bbb0").loadMultiplier()).isEqualTo(1.0);
  }

  @Test
  void stateCommands() {
    try {
      assertThat(cli.run("servers", "cordon", "bbb1")).isZero();
      assertThat(cli.out().strip()).isEqualTo("OK");
      assertThat(stored("bbb1").state()).isEqualTo(ServerState.CORDONED);
      assertThat(cli.run("servers", "disable", "bbb1")).isZero();
      assertThat(stored("bbb1").state()).isEqualTo(ServerState.DISABLED);
      assertThat(cli.run("servers", "enable", "bbb1")).isZero();
      assertThat(stored("bbb1").state()).isEqualTo(ServerState.ENABLED);
      assertThat(cli.run("servers", "load-multiplier", "bbb1", "3.5")).isZero();
      assertThat(stored("bbb1").loadMultiplier()).isEqualTo(3.5);

      assertThat(cli.run("servers", "cordon", "nope")).isEqualTo(1);
      assertThat(cli.err().strip()).isEqualTo("switchboard: Couldn't find server with id=nope");
    } finally {
      cli.run("servers", "load-multiplier", "bbb1", "1");
      setState("bbb1", ServerState.ENABLED);
      switchboard.pollNow();
    }
  }

  @Test
  void panicEndsTheMeetingsOnTheSimulator() {
    switchboard.get("create", "meetingID=cli-panic&name=Room&moderatorPW=mp&attendeePW=ap");
    SimulatedBbb host = switchboard.hostOf("cli-panic");
    String id = host == switchboard.bbb(0) ? "bbb0" : "bbb1";
    try {
      assertThat(cli.run("servers", "panic", id, "--keep-state")).isZero();
      assertThat(cli.out()).contains("has been disabled and the meetings have been destroyed");
      assertThat(host.meeting("cli-panic")).isEmpty();
      assertThat(stored(id).state()).as("--keep-state").isEqualTo(ServerState.ENABLED);

      assertThat(cli.run("servers", "panic", id)).isZero();
      assertThat(stored(id).state()).isEqualTo(ServerState.DISABLED);
    } finally {
      setState(id, ServerState.ENABLED);
      switchboard.pollNow();
    }
  }

  @Test
  void panicWithSkipEndCallsOnlyForgetsTheMeetings() {
    switchboard.get("create", "meetingID=cli-panic-skip&name=Room&moderatorPW=mp&attendeePW=ap");
    SimulatedBbb host = switchboard.hostOf("cli-panic-skip");
    String id = host == switchboard.bbb(0) ? "bbb0" : "bbb1";
    try {
      assertThat(cli.run("servers", "panic", id, "--skip-end-calls")).isZero();
      assertThat(cli.out()).contains("has been disabled and the meetings have been destroyed");
      assertThat(switchboard.stores().meetings().find("cli-panic-skip").toCompletableFuture().join()).isEmpty();
      assertThat(host.meeting("cli-panic-skip")).as("still running on BBB").isPresent();
      assertThat(stored(id).state()).isEqualTo(ServerState.DISABLED);
    } finally {
      host.endMeeting("cli-panic-skip");
      setState(id, ServerState.ENABLED);
      switchboard.pollNow();
    }
  }

  @Test
  void statusIsScalelitesTableAndPollPollsNow() {
    switchboard.get("create", "meetingID=cli-status&name=Room&moderatorPW=mp&attendeePW=ap");
    SimulatedBbb host = switchboard.hostOf("cli-status");
    try {
      assertThat(cli.run("poll")).isZero();
      assertThat(cli.out().strip()).isEqualTo("OK");
      cli.clearOut();

      assertThat(cli.run("status")).isZero();
      String[] lines = cli.out().split("\\R");
      assertThat(lines[0].strip()).matches(
          "HOSTNAME +STATE +STATUS +MEETINGS +USERS +LARGEST MEETING +VIDEOS +LOAD +BBB VERSION +TAG");
      assertThat(lines).hasSize(3);
      assertThat(cli.out()).contains("127.0.0.1").contains("enabled").contains("online");
      assertThat(lines[1].strip().split(" +")[3].equals("1") || lines[2].strip().split(" +")[3].equals("1"))
          .as("the server running the meeting shows it").isTrue();

      cli.clearOut();
      assertThat(cli.run("status", "--output", "json")).isZero();
      assertThat(cli.out()).contains("\"meetings\"").contains("\"largest_meeting\"");
    } finally {
      host.endMeeting("cli-status");
      switchboard.pollNow();
    }
  }

  @Test
  void anUnreachableInstanceIsOneLineAndExitOne() {
    assertThat(cli.run("servers", "list", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(cli.err()).startsWith("switchboard: cannot reach Switchboard at http://127.0.0.1:1");
    assertThat(cli.err().strip()).doesNotContain("\n");
    assertThat(cli.out()).isEmpty();

    assertThat(cli.run("status", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(cli.run("poll", "--url", "http://127.0.0.1:1")).isEqualTo(1);
  }

  @Test
  void aWrongSecretIsTheChecksumError(@TempDir Path dir) throws IOException {
    Path wrong = Files.writeString(dir.resolve("wrong.conf"), """
        switchboard.api.secrets = ["not-the-secret"]
        switchboard.http.port = %d
        """.formatted(switchboard.port()));
    CommandRunner wrongSecret = CommandRunner.withConfig(wrong);

    assertThat(wrongSecret.run("servers", "list")).isEqualTo(1);
    assertThat(wrongSecret.err().strip()).contains("You did not pass the checksum security check")
        .doesNotContain("\n");
  }
}
