package io.switchboard.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.RecordingTarballs;
import io.switchboard.proxy.testing.SwitchboardFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard recordings import DIR}: a back-fill of tarballs, with a summary of what failed. */
class ImportCommandTest {
  private static final String GOOD_1 = "1111111111111111111111111111111111111111-1700000000000";
  private static final String GOOD_2 = "2222222222222222222222222222222222222222-1700000000000";

  private static Path backfill(Path dir) throws IOException {
    RecordingTarballs.write(dir, GOOD_1, "room-1");
    RecordingTarballs.write(dir, GOOD_2, "room-2");
    Files.write(dir.resolve("3333333333333333333333333333333333333333-1700000000000.tar"),
        "this is not a tar archive".getBytes(StandardCharsets.UTF_8));
    return dir;
  }

  private static CommandRunner withRecordingsUnder(Path dir, Path recordingsRoot) throws IOException {
    return CommandRunner.withConfig(Files.writeString(dir.resolve("switchboard.conf"), """
        switchboard.api.secrets = ["s"]
        switchboard.recordings {
          spool-dir = "%1$s/spool"
          work-dir = "%1$s/work"
          publish-dir = "%1$s/published"
          unpublish-dir = "%1$s/unpublished"
        }
        """.formatted(recordingsRoot)));
  }

  @Test
  void handsTheTarballsToTheRunningSwitchboardAndReportsFailures(@TempDir Path tarballs, @TempDir Path confDir)
      throws IOException {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      CommandRunner cli = withRecordingsUnder(confDir, switchboard.recordingsRoot());
      int status = cli.run("recordings", "import", backfill(tarballs).toString(), "--timeout", "30");

      assertThat(status).as("a failed tarball makes the command fail").isEqualTo(1);
      assertThat(cli.err())
          .contains("3/3")
          .contains("imported 2, failed 1")
          .contains("failed 3333333333333333333333333333333333333333-1700000000000.tar: ");
      assertThat(switchboard.get("getRecordings", "meetingID=room-1,room-2").body())
          .as("the running instance indexed them").contains(GOOD_1).contains(GOOD_2);
      assertThat(Files.list(tarballs).count()).as("DIR is left as it was").isEqualTo(3);
    }
  }

  @Test
  void directImportWritesTheTreesWhileSwitchboardIsStopped(@TempDir Path tarballs, @TempDir Path root,
      @TempDir Path confDir) throws IOException {
    CommandRunner cli = withRecordingsUnder(confDir, root);
    int status = cli.run("recordings", "import", "--direct", backfill(tarballs).toString());

    assertThat(status).isEqualTo(1);
    assertThat(cli.err()).contains("imported 2, failed 1");
    assertThat(root.resolve("published/presentation/" + GOOD_1 + "/shapes.svg")).hasBinaryContent(
        RecordingTarballs.SHAPES);
    assertThat(root.resolve("published/presentation/" + GOOD_2 + "/metadata.xml")).exists();
  }

  @Test
  void aMissingDirectoryIsOneClearLine(@TempDir Path confDir, @TempDir Path root) throws IOException {
    CommandRunner cli = withRecordingsUnder(confDir, root);
    int status = cli.run("recordings", "import", "/nonexistent/backfill");

    assertThat(status).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("switchboard: /nonexistent/backfill is not a directory");
  }

  @Test
  void nobodyImportingIsReportedInsteadOfWaitingForever(@TempDir Path tarballs, @TempDir Path root,
      @TempDir Path confDir) throws IOException {
    RecordingTarballs.write(tarballs, GOOD_1, "room-1");

    CommandRunner cli = withRecordingsUnder(confDir, root);
    int status = cli.run("recordings", "import", tarballs.toString(), "--timeout", "1");

    assertThat(status).isEqualTo(1);
    assertThat(cli.err()).contains("still waiting 1").contains("is Switchboard running with recordings enabled?");
  }
}
