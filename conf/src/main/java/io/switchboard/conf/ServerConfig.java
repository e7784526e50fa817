package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;

/**
 * One BBB server of the fleet ({@code switchboard.servers."<id>"}), the configuration-file equivalent of a server
 * added to Scalelite (spec §5.1, §10.4): its API base URL (normally ending in {@code /api}), its shared secret, whether it takes
 * new meetings, the multiplier of its load and its tags. {@link #toString()} hides the secret.
 */
public record ServerConfig(String id, URI url, String secret, boolean enabled, double loadMultiplier,
                           List<String> tags) {
  public ServerConfig {
    requireNonNull(id, "id");
    if (!Checks.isServerId(id)) {
      throw Checks.invalid("id", "\"" + id + "\"", Checks.SERVER_ID);
    }
    requireNonNull(url, "url");
    if (!Checks.isHttpUrl(url)) {
      throw Checks.invalid("url", url, Checks.HTTP_URL);
    }
    requireNonNull(secret, "secret");
    if (secret.isBlank()) {
      throw Checks.invalid("secret", "<hidden>", "a non-blank secret");
    }
    if (!(loadMultiplier > 0) || Double.isInfinite(loadMultiplier)) {
      throw Checks.invalid("loadMultiplier", loadMultiplier, "a positive number");
    }
    tags = Checks.list(tags, "tags");
    for (String tag : tags) {
      if (!Checks.isTag(tag)) {
        throw Checks.invalid("tags", tags, Checks.TAG);
      }
    }
  }

  @Override
  public String toString() {
    return "ServerConfig[id=" + id + ", url=" + url + ", secret=<hidden>, enabled=" + enabled + ", loadMultiplier="
        + loadMultiplier + ", tags=" + tags + "]";
  }
}
