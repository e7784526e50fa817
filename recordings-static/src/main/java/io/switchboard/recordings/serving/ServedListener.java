package io.switchboard.recordings.serving;

/**
 * Told of every recording file request answered, for metrics: the playback format (one of the configured formats), the
 * HTTP status, and the body bytes sent. Called on the event loop; must not block.
 */
@FunctionalInterface
public interface ServedListener {
  ServedListener NONE = (format, status, bytes) -> { };

  void served(String format, int status, long bytes);
}
