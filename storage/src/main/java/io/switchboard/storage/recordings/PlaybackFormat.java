package io.switchboard.storage.recordings;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One playback format of a recording (spec §8 {@code playback_formats}, §9.8).
 *
 * @param format {@code presentation}, {@code video}, {@code podcast}, {@code notes}, {@code screenshare}, …
 * @param url path and query of metadata.xml's {@code playback/link}, host stripped, e.g.
 *     {@code /playback/presentation/2.3/<recordId>}
 * @param lengthMinutes round(duration ms / 60000), when metadata.xml gave a duration
 * @param processingTimeMillis processing time, when known (never for imported recordings, as in Scalelite)
 * @param thumbnails the preview images in sequence order
 */
public record PlaybackFormat(
    String format, String url, OptionalInt lengthMinutes, OptionalLong processingTimeMillis, List<Thumbnail> thumbnails) {

  public PlaybackFormat {
    requireNonNull(format, "format");
    requireNonNull(url, "url");
    requireNonNull(lengthMinutes, "lengthMinutes");
    requireNonNull(processingTimeMillis, "processingTimeMillis");
    thumbnails = List.copyOf(requireNonNull(thumbnails, "thumbnails"));
  }
}
