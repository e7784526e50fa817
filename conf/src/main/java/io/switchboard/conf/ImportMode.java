package io.switchboard.conf;

import java.util.Locale;
import java.util.Optional;

/**
 * How recordings reach Switchboard (spec §9.6): BBB servers drop {@code <record_id>.tar} files into the spool
 * directory and the importer extracts them into the trees ({@link #SPOOL}, Scalelite's only mode), or BBB servers
 * write straight into a published tree shared with Switchboard and the importer discovers new
 * {@code <format>/<record_id>/metadata.xml} files there ({@link #SHARED_VOLUME}).
 */
public enum ImportMode {
  SPOOL,
  SHARED_VOLUME;

  /** The word of the configuration: {@code spool} or {@code shared-volume}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@link #wireName()}, ignoring case and surrounding blanks. */
  public static Optional<ImportMode> parse(String wireName) {
    for (ImportMode mode : values()) {
      if (mode.wireName().equalsIgnoreCase(wireName.trim())) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
