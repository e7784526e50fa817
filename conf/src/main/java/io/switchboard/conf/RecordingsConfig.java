package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;
import static io.switchboard.conf.Checks.positive;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Recordings ({@code switchboard.recordings}, spec §9): whether the recording API, importer and playback routes are
 * on (Scalelite's {@code RECORDING_DISABLED}, inverted), how recordings arrive, the directories of spec §9.9, the
 * importer's rules, the playback formats that get a resource route, getRecordings' filtering and page size, the
 * importer's size limits and protected recordings.
 *
 * <ul>
 *   <li>{@code spoolDir}: incoming {@code <record_id>.tar} files ({@code RECORDING_SPOOL_DIR});
 *   <li>{@code workDir}: the importer's extraction directories ({@code RECORDING_WORK_DIR});
 *   <li>{@code publishDir}: {@code <format>/<record_id>/…} of published recordings, served
 *       ({@code RECORDING_PUBLISH_DIR});
 *   <li>{@code unpublishDir}: the same for unpublished recordings, never served ({@code RECORDING_UNPUBLISH_DIR});
 *   <li>{@code failedDir}: tarballs that could not be imported are moved here (by default {@code <spoolDir>/failed});
 *   <li>{@code playerDir}: the BBB player web apps served under {@code /playback/…}, or none.
 * </ul>
 *
 * <p>Every path is absolute and normalized (a relative one is resolved against the working directory); none is
 * checked for existence, the importer creates what it needs. The trees are kept apart so that nothing is served by
 * accident: {@code publishDir} and {@code unpublishDir} are disjoint; the spool, work and failed directories lie
 * inside neither; the failed directory is not the spool directory; and {@code playerDir} overlaps none of the others.
 * {@code playbackFormats} (Scalelite's {@code RECORDING_PLAYBACK_FORMATS}) are URL path segments: lower-case letters,
 * digits, {@code -} and {@code _}, never a path Switchboard already answers ({@code bigbluebutton}, {@code fsapi},
 * {@code health_check}, {@code livez}, {@code metrics}, {@code playback}, {@code readyz}, {@code recording},
 * {@code scalelite}, {@code status}); they are kept in order without
 * duplicates. {@code maxPageSize} is the largest {@code limit} of a paginated getRecordings.
 */
public record RecordingsConfig(boolean enabled, ImportMode importMode, Path spoolDir, Path workDir, Path publishDir,
                               Path unpublishDir, Path failedDir, boolean importUnpublished,
                               Duration importPollInterval, List<String> playbackFormats, Optional<Path> playerDir,
                               boolean getRecordingsFiltered, int maxPageSize, ImportLimits importLimits,
                               ProtectedRecordingsConfig protection) {
  public RecordingsConfig {
    requireNonNull(importMode, "importMode");
    spoolDir = Checks.absolute(spoolDir, "spoolDir");
    workDir = Checks.absolute(workDir, "workDir");
    publishDir = Checks.absolute(publishDir, "publishDir");
    unpublishDir = Checks.absolute(unpublishDir, "unpublishDir");
    failedDir = Checks.absolute(failedDir, "failedDir");
    requireNonNull(playerDir, "playerDir");
    playerDir = playerDir.map(dir -> Checks.absolute(dir, "playerDir"));
    positive(importPollInterval, "importPollInterval");
    playbackFormats = Checks.playbackFormats(playbackFormats, "playbackFormats");
    between(maxPageSize, 1, Integer.MAX_VALUE, "maxPageSize");
    requireNonNull(importLimits, "importLimits");
    requireNonNull(protection, "protection");
    Optional<Checks.DirectoryConflict> conflict = Checks.directoryConflict(
        new Checks.NamedPath("spoolDir", spoolDir), new Checks.NamedPath("workDir", workDir),
        new Checks.NamedPath("publishDir", publishDir), new Checks.NamedPath("unpublishDir", unpublishDir),
        new Checks.NamedPath("failedDir", failedDir),
        playerDir.map(dir -> new Checks.NamedPath("playerDir", dir)));
    if (conflict.isPresent()) {
      Checks.DirectoryConflict found = conflict.get();
      throw Checks.invalid(found.name(), found.path(), found.expected());
    }
  }
}
