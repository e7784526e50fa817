package io.switchboard.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard servers sync} and {@code servers export} against a running Switchboard. */
class ServersSyncCommandTest {
  private static SwitchboardFixture switchboard;
  private static CommandRunner cli;

  @TempDir
  Path dir;

  @BeforeAll
  static void start(@TempDir Path configDir) throws IOException {
    switchboard = SwitchboardFixture.start(2);
    cli = CommandRunner.against(switchboard, configDir);
  }

  @AfterAll
  static void stop() {
    switchboard.close();
  }

  @BeforeEach
  void clearOutput() {
    cli.clear();
  }

  /** Both configured servers back as the fixture made them, no other server, no meeting. */
  @AfterEach
  void reset() {
    for (ServerRecord server : servers()) {
      if (!server.id().equals("bbb0") && !server.id().equals("bbb1")) {
        switchboard.stores().servers().remove(server.id()).toCompletableFuture().join();
      }
    }
    for (int i = 0; i < 2; i++) {
      SimulatedBbb bbb = switchboard.bbb(i);
      switchboard.stores().servers().save(new ServerRecord("bbb" + i, bbb.apiUrl(), bbb.secret(), ServerState.ENABLED,
          false, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "")).toCompletableFuture().join();
      bbb.meetings().stream().map(meeting -> meeting.meetingID()).toList().forEach(bbb::endMeeting);
    }
    for (MeetingRecord meeting : switchboard.stores().meetings().all().toCompletableFuture().join()) {
      switchboard.stores().meetings().remove(meeting.id()).toCompletableFuture().join();
    }
    switchboard.pollNow();
  }

  private static List<ServerRecord> servers() {
    return switchboard.stores().servers().all().toCompletableFuture().join();
  }

  private static ServerRecord stored(String id) {
    return switchboard.stores().servers().find(id).toCompletableFuture().join().orElseThrow();
  }

  private static String yamlEntry(int index, String extra) {
    SimulatedBbb bbb = switchboard.bbb(index);
    return "  bbb%d:\n    url: %s\n    secret: %s\n%s".formatted(index, bbb.apiUrl(), bbb.secret(), extra);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static int create(String meetingId) {
    switchboard.get("create", "meetingID=" + meetingId + "&name=Room&moderatorPW=mp&attendeePW=ap");
    return switchboard.hostOf(meetingId) == switchboard.bbb(0) ? 0 : 1;
  }

  @Test
  void yamlDryRunThenApply() throws IOException {
    Path file = write("servers.yml", "servers:\n" + yamlEntry(0, "    load_multiplier: 2\n    tag: big\n")
        + yamlEntry(1, "    enabled: false\n") + "  bbb7.example.com:\n    secret: s7\n");
    List<ServerRecord> before = servers();

    assertThat(cli.run("servers", "sync", file.toString(), "--dry-run")).isZero();
    String[] lines = cli.out().split("\\R");
    assertThat(lines[0]).isEqualTo("Dry run: nothing was changed");
    assertThat(lines[1].strip()).matches("ID +ACTION +DETAIL");
    assertThat(lines[2].strip()).matches("bbb0 +update +load_multiplier 1.0 -> 2.0, tag '' -> 'big'");
    assertThat(lines[3].strip()).matches("bbb1 +cordon +listed with enabled: false");
    assertThat(lines[4].strip()).startsWith("bbb7.example.com").contains("create")
        .contains("https://bbb7.example.com/bigbluebutton/api, enabled");
    assertThat(servers()).isEqualTo(before);

    cli.clear();
    assertThat(cli.run("servers", "sync", file.toString())).isZero();
    assertThat(cli.out()).doesNotContain("Dry run").contains("bbb7.example.com");
    assertThat(stored("bbb0").loadMultiplier()).isEqualTo(2.0);
    assertThat(stored("bbb0").tags()).containsExactly("big");
    assertThat(stored("bbb1").state()).isEqualTo(ServerState.CORDONED);
    assertThat(stored("bbb7.example.com").state()).isEqualTo(ServerState.ENABLED);

    cli.clear();
    assertThat(cli.run("servers", "sync", file.toString(), "-o", "json")).isZero();
    JsonNode answer = new ObjectMapper().readTree(cli.out());
    assertThat(answer.get("changes")).isEmpty();
    assertThat(answer.get("dry_run").asBoolean()).isFalse();
  }

  @Test
  void hoconFileInTheConfigurationSyntax() throws IOException {
    SimulatedBbb bbb0 = switchboard.bbb(0);
    Path file = write("servers.conf", """
        switchboard.servers {
          bbb0 { url = "%s", secret = "%s", tags = [a, b] }
          "bbb8.example.com" { url = "https://bbb8.example.com/bigbluebutton/api", secret = s8, enabled = false }
        }
        """.formatted(bbb0.apiUrl(), bbb0.secret()));

    assertThat(cli.run("servers", "sync", file.toString())).isZero();

    assertThat(stored("bbb0").tags()).containsExactlyInAnyOrder("a", "b");
    assertThat(stored("bbb8.example.com").state()).isEqualTo(ServerState.DISABLED);
    assertThat(switchboard.stores().servers().find("bbb1").toCompletableFuture().join())
        .as("unlisted and without meetings: removed (cordon mode)").isEmpty();
  }

  @Test
  void invalidEntriesExitTwoAndChangeNothing() throws IOException {
    List<ServerRecord> before = servers();
    Path file = write("bad.yaml", "servers:\n" + yamlEntry(0, "    load_multiplier: 2\n")
        + "  broken:\n    url: https://broken.example.com/bigbluebutton/api\n");

    assertThat(cli.run("servers", "sync", file.toString())).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo("switchboard: " + file
        + ": servers.broken.secret: missing (expected: the server's shared secret)");
    assertThat(cli.out()).isEmpty();

    cli.clear();
    Path garbage = write("servers.txt", "servers:\n  a: [\n");
    assertThat(cli.run("servers", "sync", garbage.toString())).isEqualTo(2);
    assertThat(cli.err()).startsWith("switchboard: " + garbage + ": neither HOCON (");
    assertThat(cli.err().strip()).doesNotContain("\n");

    cli.clear();
    assertThat(cli.run("servers", "sync", dir.resolve("missing.yml").toString())).isEqualTo(2);
    assertThat(cli.run("servers", "sync", file.toString(), "--mode", "purge")).isEqualTo(2);
    assertThat(servers()).isEqualTo(before);
  }

  @Test
  void keepCordonAndForceForAnUnlistedServer() throws IOException {
    int busy = create("cli-sync");
    int other = 1 - busy;
    String id = "bbb" + busy;
    Path file = write("servers.yml", "servers:\n" + yamlEntry(other, ""));

    assertThat(cli.run("servers", "sync", file.toString(), "--mode", "keep")).isZero();
    assertThat(cli.out().strip()).isEqualTo("Nothing to change");
    assertThat(stored(id).state()).isEqualTo(ServerState.ENABLED);

    cli.clear();
    assertThat(cli.run("servers", "sync", file.toString())).isZero();
    assertThat(cli.out()).containsPattern(id + " +cordon +not listed, 1 meeting running");
    assertThat(stored(id).state()).isEqualTo(ServerState.CORDONED);
    assertThat(switchboard.bbb(busy).meeting("cli-sync")).isPresent();

    cli.clear();
    assertThat(cli.run("servers", "sync", file.toString(), "--mode", "force")).isZero();
    assertThat(cli.out()).containsPattern(id + " +end_meetings +1 meeting ended and forgotten")
        .containsPattern(id + " +remove");
    assertThat(switchboard.bbb(busy).meeting("cli-sync")).as("ended on the BBB server").isEmpty();
    assertThat(servers()).extracting(ServerRecord::id).containsExactly("bbb" + other);
  }

  @Test
  void stdinIsTheDash() {
    SimulatedBbb bbb1 = switchboard.bbb(1);
    String yaml = "servers:\n" + yamlEntry(0, "") + "  bbb1:\n    url: %s\n    secret: rotated\n"
        .formatted(bbb1.apiUrl());
    assertThat(cli.runWithStdin(yaml, "servers", "sync", "-")).isZero();
    assertThat(cli.out()).containsPattern("bbb1 +update +secret");
    assertThat(stored("bbb1").secret()).isEqualTo("rotated");
  }

  @Test
  void exportAsScalelitesYamlAndAsHoconSyncsBackWithoutChanges() throws IOException {
    switchboard.stores().servers().update("bbb1", server -> new ServerRecord(server.id(), server.url(),
        "12345", ServerState.CORDONED, server.online(), 2.5, Set.of("big"), 0, 0, 0, 0, 0, 0, server.bbbVersion()))
        .toCompletableFuture().join();
    switchboard.stores().servers().save(new ServerRecord("bbb.dotted.example.com",
        URI.create("https://bbb.dotted.example.com/bigbluebutton/api"), "s", ServerState.ENABLED, false, 1.0,
        Set.of(), 0, 0, 0, 0, 0, 0, "")).toCompletableFuture().join();

    assertThat(cli.run("servers", "export")).isZero();
    String yaml = cli.out();
    assertThat(yaml).startsWith("servers:\n").contains("  bbb1:\n    url: " + switchboard.bbb(1).apiUrl()
        + "\n    secret: \"12345\"\n    load_multiplier: 2.5\n    tag: big\n    enabled: false\n");
    assertThat(yaml).contains("  bbb0:\n").contains("    tag: \"\"\n    enabled: true\n");
    Path yamlFile = write("export.yml", yaml);
    cli.clear();
    assertThat(cli.run("servers", "sync", yamlFile.toString(), "--dry-run")).isZero();
    assertThat(cli.out()).isEqualTo("Dry run: nothing was changed\nNothing to change\n");

    cli.clear();
    assertThat(cli.run("servers", "export", "--verbose")).isZero();
    assertThat(cli.out()).contains("    state: cordoned\n    load: -1.0\n").contains("    online: true\n")
        .contains("    bbb_version: ");

    cli.clear();
    assertThat(cli.run("servers", "export", "--format", "hocon", "--verbose")).isZero();
    String hocon = cli.out();
    assertThat(hocon).startsWith("servers {\n").contains("\n  \"bbb.dotted.example.com\" {\n")
        .contains("\n  bbb0 {\n").contains("    load-multiplier = 2.5\n").contains("    tag = \"big\"\n")
        .contains("    secret = \"12345\"\n").contains("    # state: cordoned");
    Path hoconFile = write("export.conf", hocon);
    cli.clear();
    assertThat(cli.run("servers", "sync", hoconFile.toString(), "--dry-run")).isZero();
    assertThat(cli.out()).isEqualTo("Dry run: nothing was changed\nNothing to change\n");
  }

  @Test
  void aServerWithTwoTagsExportsThemAsTwoAndSyncsBackWithoutChanges() throws IOException {
    switchboard.stores().servers().update("bbb1", server -> new ServerRecord(server.id(), server.url(),
        server.secret(), server.state(), server.online(), 1.0, Set.of("b", "a"), 0, 0, 0, 0, 0, 0,
        server.bbbVersion())).toCompletableFuture().join();

    assertThat(cli.run("servers", "export")).isZero();
    String yaml = cli.out();
    assertThat(yaml).contains("    load_multiplier: 1.0\n    tags:\n    - a\n    - b\n    enabled: true\n")
        .doesNotContain("a,b");
    Path yamlFile = write("tags.yml", yaml);
    cli.clear();
    assertThat(cli.run("servers", "sync", yamlFile.toString(), "--dry-run")).isZero();
    assertThat(cli.out()).isEqualTo("Dry run: nothing was changed\nNothing to change\n");

    cli.clear();
    assertThat(cli.run("servers", "export", "--format", "hocon")).isZero();
    String hocon = cli.out();
    assertThat(hocon).contains("    tags = [\"a\", \"b\"]\n").doesNotContain("tag =");
    Path hoconFile = write("tags.conf", hocon);
    cli.clear();
    assertThat(cli.run("servers", "sync", hoconFile.toString(), "--dry-run")).isZero();
    assertThat(cli.out()).isEqualTo("Dry run: nothing was changed\nNothing to change\n");

    switchboard.stores().servers().update("bbb1", server -> new ServerRecord(server.id(), server.url(),
        server.secret(), server.state(), server.online(), 1.0, Set.of(), 0, 0, 0, 0, 0, 0,
        server.bbbVersion())).toCompletableFuture().join();
    cli.clear();
    assertThat(cli.run("servers", "sync", yamlFile.toString())).isZero();
    assertThat(stored("bbb1").tags()).as("the YAML's list synced back").containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void anUnreachableInstanceIsOneLineAndExitOne() throws IOException {
    Path file = write("servers.yml", "servers:\n" + yamlEntry(0, ""));

    assertThat(cli.run("servers", "sync", file.toString(), "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(cli.err()).startsWith("switchboard: cannot reach Switchboard at http://127.0.0.1:1");
    assertThat(cli.err().strip()).doesNotContain("\n");
    assertThat(cli.out()).isEmpty();

    assertThat(cli.run("servers", "export", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(servers()).hasSize(2);
  }
}
