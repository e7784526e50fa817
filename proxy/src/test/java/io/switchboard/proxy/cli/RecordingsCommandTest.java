package io.switchboard.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.proxy.testing.RecordingTarballs;
import io.switchboard.proxy.testing.SwitchboardFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard recordings publish|unpublish|delete} against a running Switchboard: the files move or go, and
 * getRecordings follows.
 */
class RecordingsCommandTest {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static SwitchboardFixture switchboard;
  private static CommandRunner cli;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    switchboard = SwitchboardFixture.start(1);
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

  /** A fresh published recording, imported through the spool and listed by getRecordings. */
  private static String imported() throws IOException, InterruptedException {
    int n = NEXT.incrementAndGet();
    String recordId = "9a0b5e3f5a1c2e0d8f7b6a5c4d3e2f1a0b9c8d7e-17100000000" + String.format("%02d", n);
    RecordingTarballs.write(switchboard.recordingsRoot().resolve("spool"), recordId, "cli-room-" + n);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (listing(recordId).contains("<recordID>" + recordId + "</recordID>")) {
        return recordId;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(recordId + " was not imported within 20 s");
  }

  private static String listing(String recordId) {
    return switchboard.get("getRecordings", "recordID=" + recordId).body();
  }

  private static boolean inTree(String tree, String recordId) {
    return Files.isDirectory(switchboard.recordingsRoot().resolve(tree).resolve("presentation").resolve(recordId));
  }

  @Test
  void unpublishAndPublishMoveTheFilesAndGetRecordingsFollows() throws Exception {
    String first = imported();
    String second = imported();

    assertThat(cli.run("recordings", "unpublish", first, second)).isZero();

    assertThat(cli.out().split("\\R")).containsExactly("unpublished " + first, "unpublished " + second);
    assertThat(inTree("unpublished", first)).isTrue();
    assertThat(inTree("published", first)).isFalse();
    assertThat(listing(second)).contains("<published>false</published>");

    cli.clearOut();
    assertThat(cli.run("recordings", "publish", first, "-o", "json")).isZero();

    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.get("record_ids").get(0).asText()).isEqualTo(first);
    assertThat(inTree("published", first)).isTrue();
    assertThat(listing(first)).contains("<published>true</published>");
    assertThat(listing(second)).as("only the named recording").contains("<published>false</published>");
  }

  @Test
  void deleteAsksForYesAndAnythingElseDeletesNothing() throws Exception {
    String recordId = imported();

    assertThat(cli.runWithStdin("y\n", "recordings", "delete", recordId)).isEqualTo(1);

    assertThat(cli.err()).contains("WARNING: You are trying to delete 1 recording for good: " + recordId)
        .endsWith("switchboard: not confirmed; nothing was deleted" + System.lineSeparator());
    assertThat(inTree("published", recordId)).isTrue();
    assertThat(listing(recordId)).contains("<recordID>" + recordId + "</recordID>");

    cli.clearErr();
    assertThat(cli.runWithStdin("YES\n", "recordings", "delete", recordId)).isZero();

    assertThat(cli.out().strip()).isEqualTo("deleted " + recordId);
    assertThat(inTree("published", recordId)).isFalse();
    assertThat(listing(recordId)).contains("<messageKey>noRecordings</messageKey>");
  }

  @Test
  void unknownRecordingsAreNamedOnOneLine() throws Exception {
    assertThat(cli.run("recordings", "delete", "nope-1", "--yes")).isEqualTo(1);
    assertThat(cli.err())
        .isEqualTo("switchboard: Couldn't find recordings with record_ids=nope-1" + System.lineSeparator());

    String recordId = imported();
    cli.clearErr();
    assertThat(cli.run("recordings", "unpublish", recordId, "nope-2")).isEqualTo(1);

    assertThat(cli.out().strip()).isEqualTo("unpublished " + recordId);
    assertThat(cli.err()).isEqualTo("switchboard: couldn't find recordings: nope-2" + System.lineSeparator());
    assertThat(inTree("unpublished", recordId)).as("the recordings that exist are still unpublished").isTrue();
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    String recordId = imported();

    assertThat(cli.run("recordings", "publish")).isEqualTo(2);
    assertThat(cli.run("recordings", "delete", "--yes")).isEqualTo(2);
    cli.clearErr();
    assertThat(cli.run("recordings", "unpublish", recordId + ",other")).isEqualTo(2);
    assertThat(cli.err()).contains("not a recording id: '" + recordId + ",other'");

    assertThat(inTree("published", recordId)).isTrue();
  }
}
