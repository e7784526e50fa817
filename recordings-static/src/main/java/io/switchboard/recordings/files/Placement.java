package io.switchboard.recordings.files;

import java.util.List;

/**
 * Where the files of one recording are: {@link #home()}, the trees of its tenant when that tenant has a recordings
 * directory of its own and otherwise the global trees, is where imports put them; the global trees follow a tenant's
 * own, because recordings imported before the tenant got its directory stay where they were. Files are looked for in
 * {@link #trees()} in order, and published or deleted wherever they are.
 */
public record Placement(List<RecordingTrees> trees) {
  public Placement {
    trees = List.copyOf(trees);
    if (trees.isEmpty()) {
      throw new IllegalArgumentException("trees: [] (expected: at least the home trees)");
    }
  }

  /** Only {@code home}: a recording of no tenant, or of a tenant without a directory of its own. */
  public static Placement of(RecordingTrees home) {
    return new Placement(List.of(home));
  }

  /** The trees new files of the recording go to. */
  public RecordingTrees home() {
    return trees.get(0);
  }
}
