package io.switchboard.recordings.serving;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;

/** What a playback request asks for, as {@link Router} reads it from the method and the request target. */
sealed interface Route permits Route.Resource, Route.Play, Route.Player, Route.Redirect, Route.NotFound {

  /**
   * A file of a published recording's format (spec §9.10 "resource"): {@code GET|HEAD /<format>/<rid>[/<path…>]}.
   *
   * @param relativePath the raw path below the publish directory, {@code <format>/<rid>[/<path…>]}, still encoded
   */
  record Resource(String format, String recordId, String relativePath) implements Route {
    public Resource {
      requireNonNull(format, "format");
      requireNonNull(recordId, "recordId");
      requireNonNull(relativePath, "relativePath");
    }
  }

  /** A getRecordings link (spec §9.10 "play"): {@code GET /recording/<rid>/<format>[?token=…]}. */
  record Play(String recordId, String format, Optional<String> token) implements Route {
    public Play {
      requireNonNull(recordId, "recordId");
      requireNonNull(format, "format");
      requireNonNull(token, "token");
    }
  }

  /**
   * A file of the BBB player apps (spec §9.12): {@code GET|HEAD /playback/<path…>}.
   *
   * @param relativePath the raw path below the player directory, e.g. {@code presentation/2.3/index.html}
   */
  record Player(String relativePath) implements Route {
    public Player {
      requireNonNull(relativePath, "relativePath");
    }
  }

  /** One of NGINX's rewrites of old or indirect player links (spec §9.12). */
  record Redirect(HttpResponseStatus status, String location) implements Route {
    public Redirect {
      requireNonNull(status, "status");
      requireNonNull(location, "location");
    }
  }

  /** A playback path no recording can have (a record id with characters BBB never uses). */
  record NotFound() implements Route {}
}
