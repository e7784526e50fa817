package io.switchboard.storage;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.ServerState;
import java.net.URI;
import java.util.Set;

/**
 * A BigBlueButton server as Switchboard stores it: Scalelite's {@code server:<id>} hash plus the poller counters it keeps
 * in the bare {@code <id>} hash (spec §7.1). The load is not part of the record, as it is not part of the hash: it lives
 * in the {@link LoadTable} while the server is eligible for new meetings.
 *
 * @param url the BBB API base URL, e.g. {@code https://bbb1.example.com/bigbluebutton/api}
 * @param online whether the poller currently considers the server reachable (spec §6.1)
 * @param loadMultiplier the factor applied to the computed load and to every increment (spec §5.3, §5.4)
 * @param tags the server's tags; empty when untagged (Scalelite stores a single {@code tag} field)
 * @param healthyCounter consecutive successful polls while offline
 * @param unhealthyCounter consecutive failed polls while online
 * @param meetings the number of meetings at the last successful poll, breakouts included
 * @param users the sum of participant counts at the last successful poll
 * @param largestMeeting the largest participant count at the last successful poll
 * @param videos the sum of video counts at the last successful poll
 * @param bbbVersion what the server's API index revealed, or {@code ""} (spec §6.3)
 */
public record ServerRecord(
    String id,
    URI url,
    String secret,
    ServerState state,
    boolean online,
    double loadMultiplier,
    Set<String> tags,
    int healthyCounter,
    int unhealthyCounter,
    int meetings,
    int users,
    int largestMeeting,
    int videos,
    String bbbVersion) {

  public ServerRecord {
    requireNonNull(id, "id");
    requireNonNull(url, "url");
    requireNonNull(secret, "secret");
    requireNonNull(state, "state");
    requireNonNull(tags, "tags");
    requireNonNull(bbbVersion, "bbbVersion");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: '" + id + "' (expected: not blank)");
    }
    if (!url.isAbsolute()) {
      throw new IllegalArgumentException("url: " + url + " (expected: an absolute URI)");
    }
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret: '' (expected: not empty)");
    }
    if (!(loadMultiplier > 0 && Double.isFinite(loadMultiplier))) {
      throw new IllegalArgumentException("loadMultiplier: " + loadMultiplier + " (expected: > 0 and finite)");
    }
    tags = Set.copyOf(tags);
    for (String tag : tags) {
      if (tag.isBlank()) {
        throw new IllegalArgumentException("tags: " + tags + " (expected: no blank tag)");
      }
    }
    requireNotNegative("healthyCounter", healthyCounter);
    requireNotNegative("unhealthyCounter", unhealthyCounter);
    requireNotNegative("meetings", meetings);
    requireNotNegative("users", users);
    requireNotNegative("largestMeeting", largestMeeting);
    requireNotNegative("videos", videos);
  }

  public ServerRecord withState(ServerState state) {
    return new ServerRecord(id, url, secret, state, online, loadMultiplier, tags, healthyCounter, unhealthyCounter,
        meetings, users, largestMeeting, videos, bbbVersion);
  }

  public ServerRecord withOnline(boolean online) {
    return new ServerRecord(id, url, secret, state, online, loadMultiplier, tags, healthyCounter, unhealthyCounter,
        meetings, users, largestMeeting, videos, bbbVersion);
  }

  public ServerRecord withCounters(int healthyCounter, int unhealthyCounter) {
    return new ServerRecord(id, url, secret, state, online, loadMultiplier, tags, healthyCounter, unhealthyCounter,
        meetings, users, largestMeeting, videos, bbbVersion);
  }

  public ServerRecord withStats(int meetings, int users, int largestMeeting, int videos) {
    return new ServerRecord(id, url, secret, state, online, loadMultiplier, tags, healthyCounter, unhealthyCounter,
        meetings, users, largestMeeting, videos, bbbVersion);
  }

  public ServerRecord withBbbVersion(String bbbVersion) {
    return new ServerRecord(id, url, secret, state, online, loadMultiplier, tags, healthyCounter, unhealthyCounter,
        meetings, users, largestMeeting, videos, bbbVersion);
  }

  /**
   * Whether the server may take new meetings, i.e. may have a score in the {@link LoadTable}: enabled and online, the
   * servers Scalelite keeps in {@code server_load} (spec §5.2).
   */
  public boolean eligible() {
    return state == ServerState.ENABLED && online;
  }

  @Override
  public String toString() {
    return "ServerRecord[id=" + id + ", url=" + url + ", secret=<hidden>, state=" + state + ", online=" + online
        + ", loadMultiplier=" + loadMultiplier + ", tags=" + tags + ", healthyCounter=" + healthyCounter
        + ", unhealthyCounter=" + unhealthyCounter + ", meetings=" + meetings + ", users=" + users
        + ", largestMeeting=" + largestMeeting + ", videos=" + videos + ", bbbVersion=" + bbbVersion + "]";
  }

  private static void requireNotNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
  }
}
