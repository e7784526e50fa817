package io.switchboard.storage.recordings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The recordings a query found, newest first (start time descending, then record id), and how many matched in all,
 * for BBB 2.6's pagination block.
 */
public record RecordingPage(List<Recording> recordings, long totalMatches) {
  public RecordingPage {
    recordings = List.copyOf(requireNonNull(recordings, "recordings"));
  }
}
