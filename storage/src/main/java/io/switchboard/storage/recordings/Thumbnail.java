package io.switchboard.storage.recordings;

import static java.util.Objects.requireNonNull;

/**
 * A preview image of a playback format (spec §8 {@code thumbnails}): {@code playback/extensions/preview/images/image}.
 *
 * @param url the path of the image, host stripped
 * @param width the {@code width} attribute as written, e.g. {@code 176}
 * @param height the {@code height} attribute as written
 * @param alt the {@code alt} attribute, or {@code ""}
 * @param sequence position in the list, from 0
 */
public record Thumbnail(String url, String width, String height, String alt, int sequence) {
  public Thumbnail {
    requireNonNull(url, "url");
    requireNonNull(width, "width");
    requireNonNull(height, "height");
    requireNonNull(alt, "alt");
  }
}
