package io.switchboard.recordings.files;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A published tree (served) and its unpublished twin, {@code <tree>/<format>/<recordId>/…} (spec §9.9): the global
 * pair of {@code recordings.publish-dir} and {@code unpublish-dir}, or a tenant's own pair under its directory of
 * {@code tenants.recordings-dirs} (Scalelite #1182). Publishing moves a recording between the two trees of one pair.
 */
public record RecordingTrees(Path publishDir, Path unpublishDir) {
  static final String PUBLISHED = "published";
  static final String UNPUBLISHED = "unpublished";

  public RecordingTrees {
    requireNonNull(publishDir, "publishDir");
    requireNonNull(unpublishDir, "unpublishDir");
  }

  /** The pair a tenant's recordings directory holds: its {@code published} and {@code unpublished} subdirectories. */
  public static RecordingTrees inside(Path tenantDir) {
    return new RecordingTrees(tenantDir.resolve(PUBLISHED), tenantDir.resolve(UNPUBLISHED));
  }

  @Override
  public String toString() {
    return publishDir + " and " + unpublishDir;
  }

  /** The published tree when {@code published}, else the unpublished one. */
  public Path tree(boolean published) {
    return published ? publishDir : unpublishDir;
  }
}
