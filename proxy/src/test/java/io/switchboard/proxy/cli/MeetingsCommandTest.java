package io.switchboard.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.SimMeeting;
import io.switchboard.storage.MeetingRecord;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard meetings list|info|end} against a running Switchboard over two simulated BBB servers. */
class MeetingsCommandTest {
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

  @AfterEach
  void forgetMeetings() {
    for (MeetingRecord meeting : switchboard.stores().meetings().all().toCompletableFuture().join()) {
      switchboard.stores().meetings().remove(meeting.id()).toCompletableFuture().join();
    }
    switchboard.bbb(0).reset();
    switchboard.bbb(1).reset();
  }

  private static SimMeeting create(String id, String extraQuery) {
    assertThat(switchboard.get("create", "meetingID=" + id + "&name=Room+" + id + extraQuery).body())
        .contains("<returncode>SUCCESS</returncode>");
    return switchboard.hostOf(id).meeting(id).orElseThrow();
  }

  private static boolean stored(String id) {
    return switchboard.stores().meetings().find(id).toCompletableFuture().join().isPresent();
  }

  private static boolean runningOnBbb(String id) {
    return switchboard.fleet().servers().stream().anyMatch(bbb -> bbb.meeting(id).isPresent());
  }

  @Test
  void listIsATableAndJsonForScripts() throws IOException {
    create("room-b", "");
    create("room-a", "");
    MeetingRecord a = switchboard.stores().meetings().find("room-a").toCompletableFuture().join().orElseThrow();

    assertThat(cli.run("meetings", "list")).isZero();

    String[] lines = cli.out().split("\\R");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).contains("MEETING ID").contains("SERVER ID").contains("SERVER URL").contains("TENANT")
        .contains("VOICE BRIDGE").contains("CREATED");
    assertThat(cli.out()).contains(" room-a ").contains(" room-b ");
    String rowA = lines[1].contains("room-a") ? lines[1] : lines[2];
    assertThat(rowA).contains(a.serverId()).contains(switchboard.hostOf("room-a").apiUrl().toString())
        .contains(a.voiceBridge());

    cli.clearOut();
    assertThat(cli.run("meetings", "list", "--server", a.serverId(), "-o", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json).isNotEmpty();
    json.forEach(meeting -> assertThat(meeting.get("server_id").asText()).isEqualTo(a.serverId()));
  }

  @Test
  void listOfAnUnknownServerIsOneLine() {
    assertThat(cli.run("meetings", "list", "--server", "bbb9")).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("switchboard: Couldn't find server with id=bbb9" + System.lineSeparator());
  }

  @Test
  void infoPrintsKeyValueLines() {
    SimMeeting meeting = create("seminar", "&meta_bbb-context-name=Physics");
    meeting.setParticipants(2);

    assertThat(cli.run("meetings", "info", "seminar")).isZero();

    assertThat(cli.out().split("\\R")).contains("id: seminar", "meetingName: Room seminar", "running: true",
        "participantCount: 2", "metadata.bbb-context-name: Physics");

    assertThat(cli.run("meetings", "info", "nope")).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("switchboard: Couldn't find meeting with id=nope");
  }

  @Test
  void endAsksForYesAndAnythingElseChangesNothing() {
    create("class-1", "");

    assertThat(cli.runWithStdin("no\n", "meetings", "end", "class-1")).isEqualTo(1);

    assertThat(cli.err()).contains("WARNING: You are trying to end 1 meeting: class-1")
        .contains("If you still wish to continue please enter `yes`")
        .endsWith("switchboard: not confirmed; nothing was ended" + System.lineSeparator());
    assertThat(stored("class-1")).isTrue();
    assertThat(runningOnBbb("class-1")).isTrue();
    assertThat(cli.runWithStdin("", "meetings", "end", "class-1")).as("no answer at all").isEqualTo(1);
    assertThat(stored("class-1")).isTrue();
  }

  @Test
  void endWithYesEndsEachMeetingOnItsServer() {
    create("class-2", "");
    create("class-3", "");

    assertThat(cli.runWithStdin("yes\n", "meetings", "end", "class-2", "class-3")).isZero();

    assertThat(cli.out().split("\\R"))
        .containsExactly("Meeting id=class-2 was ended", "Meeting id=class-3 was ended");
    assertThat(stored("class-2")).isFalse();
    assertThat(stored("class-3")).isFalse();
    assertThat(runningOnBbb("class-2")).isFalse();
    assertThat(runningOnBbb("class-3")).isFalse();
  }

  @Test
  void endWithTheYesFlagAsksNothingAndJsonIsForScripts() throws IOException {
    create("class-4", "");

    assertThat(cli.run("meetings", "end", "class-4", "--yes", "-o", "json")).isZero();

    assertThat(cli.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.get(0).get("id").asText()).isEqualTo("class-4");
    assertThat(json.get(0).get("success").asText()).isEqualTo("Meeting id=class-4 was ended");
    assertThat(runningOnBbb("class-4")).isFalse();
  }

  @Test
  void anUnknownIdEndsNothing() {
    create("class-5", "");

    assertThat(cli.run("meetings", "end", "class-5", "nope", "--yes")).isEqualTo(1);

    assertThat(cli.err())
        .isEqualTo("switchboard: couldn't find meetings: nope; nothing was ended" + System.lineSeparator());
    assertThat(stored("class-5")).isTrue();
    assertThat(runningOnBbb("class-5")).isTrue();
  }

  @Test
  void badArgumentsAreUsageErrorsAndAnUnreachableSwitchboardIsOneLine() {
    assertThat(cli.run("meetings", "end")).isEqualTo(2);
    assertThat(cli.run("meetings", "info")).isEqualTo(2);
    assertThat(cli.run("meetings", "list", "--output", "xml")).isEqualTo(2);

    cli.clearErr();
    assertThat(cli.run("meetings", "list", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(cli.err().strip().lines()).hasSize(1);
    assertThat(cli.err()).startsWith("switchboard: cannot reach Switchboard at http://127.0.0.1:1");
  }
}
