package io.switchboard.proxy.api;

import io.switchboard.routing.selection.TagRequest;
import io.switchboard.storage.ServerRecord;
import java.util.Optional;
import java.util.TreeSet;

/** The {@code meta_server-tag} a create carries to its server: the server's own tag, as Scalelite sends (§4.5 step 7). */
final class ServerTags {
  private ServerTags() {}

  /** The requested tag the server carries, else its first tag in sorted order, else none (the parameter is removed). */
  static Optional<String> forwardedTag(ServerRecord server, TagRequest request) {
    for (String tag : request.tags()) {
      if (server.tags().contains(tag)) {
        return Optional.of(tag);
      }
    }
    return server.tags().isEmpty() ? Optional.empty() : Optional.of(new TreeSet<>(server.tags()).first());
  }
}
