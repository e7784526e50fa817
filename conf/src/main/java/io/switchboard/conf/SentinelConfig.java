package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Redis Sentinel ({@code switchboard.redis.sentinel}, or the sentinels of a {@code redis-sentinel://} URL): the name
 * of the monitored master, the sentinels to ask for its address, each {@code host:port} ({@code [address]:port} for
 * IPv6; a node written without a port gets 26379), in order and without duplicates, and the password of the
 * sentinels themselves (Redis 5.0.1+ {@code requirepass} on the sentinels), if any. The master's own user, password,
 * database and TLS come from {@link RedisConfig#url()}. {@link #toString()} hides the password.
 */
public record SentinelConfig(String masterName, List<String> nodes, Optional<String> password) {
  public SentinelConfig {
    requireNonNull(masterName, "masterName");
    if (!StoreUrls.isMaster(masterName)) {
      throw Checks.invalid("masterName", "\"" + masterName + "\"", StoreUrls.MASTER);
    }
    nodes = Checks.list(nodes, "nodes");
    if (nodes.isEmpty()) {
      throw Checks.invalid("nodes", nodes, "at least one sentinel, " + StoreUrls.NODE);
    }
    try {
      nodes = StoreUrls.sentinelNodes(nodes);
    } catch (StoreUrls.Rejected e) {
      throw Checks.invalid("nodes", nodes, "a list, each " + StoreUrls.NODE);
    }
    requireNonNull(password, "password");
    if (password.filter(String::isEmpty).isPresent()) {
      throw Checks.invalid("password", StoreUrls.HIDDEN, "a non-empty password, or none");
    }
  }

  /** The {@link #nodes()} as unresolved addresses, an IPv6 address without brackets, for a client to connect to. */
  public List<InetSocketAddress> addresses() {
    return nodes.stream()
        .map(node -> StoreUrls.hostPort(node, StoreUrls.SENTINEL_PORT, StoreUrls.NODE))
        .map(node -> InetSocketAddress.createUnresolved(node.host(), node.port()))
        .toList();
  }

  @Override
  public String toString() {
    return "SentinelConfig[masterName=" + masterName + ", nodes=" + nodes + ", password="
        + (password.isPresent() ? StoreUrls.HIDDEN : "none") + "]";
  }
}
