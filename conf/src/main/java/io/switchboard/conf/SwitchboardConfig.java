package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole, validated configuration of a Switchboard process, built once at startup from the {@code switchboard}
 * tree that {@link ConfigLoader} layers from Scalelite's environment variables, the operator's file and
 * {@code reference.conf}. {@code servers} is ordered by id; {@code serverIdIsHostname} is Scalelite's
 * {@code SERVER_ID_IS_HOSTNAME} (spec §12) and is carried for whoever registers servers; {@code recordings} is
 * spec §9; {@code redis} and {@code database} are the shared stores of spec §7 and §8, each used only when
 * {@code configured()}; {@code tenants} is multitenancy (spec §10.3); {@code metrics}, {@code statusPage} and
 * {@code logging} are how operators watch it; {@code dialIn} is the FreeSWITCH dial-in gateway's dial plan API
 * (spec §11.2); {@code shutdown} is how the process stops on SIGTERM.
 */
public record SwitchboardConfig(HttpConfig http, ApiConfig api, RewriteConfig rewrite, UpstreamConfig upstream,
                                PollerConfig poller, List<ServerConfig> servers, boolean serverIdIsHostname,
                                RecordingsConfig recordings, RedisConfig redis, DatabaseConfig database,
                                TenantsConfig tenants, MetricsConfig metrics, StatusPageConfig statusPage,
                                LoggingConfig logging, DialInConfig dialIn, ShutdownConfig shutdown) {
  public SwitchboardConfig {
    requireNonNull(http, "http");
    requireNonNull(api, "api");
    requireNonNull(rewrite, "rewrite");
    requireNonNull(upstream, "upstream");
    requireNonNull(poller, "poller");
    servers = Checks.list(servers, "servers");
    Set<String> ids = new HashSet<>();
    for (ServerConfig server : servers) {
      if (!ids.add(server.id())) {
        throw Checks.invalid("servers", server.id(), "unique server ids");
      }
    }
    requireNonNull(recordings, "recordings");
    requireNonNull(redis, "redis");
    requireNonNull(database, "database");
    requireNonNull(tenants, "tenants");
    requireNonNull(metrics, "metrics");
    requireNonNull(statusPage, "statusPage");
    requireNonNull(logging, "logging");
    requireNonNull(dialIn, "dialIn");
    requireNonNull(shutdown, "shutdown");
  }

  /**
   * Reads a resolved configuration holding a complete {@code switchboard} tree (normally {@link ConfigLoader#layered}).
   *
   * @throws ConfigError naming the first key whose value is missing, of the wrong type or out of range, or that
   *     {@code reference.conf} does not know (a misspelt key must not be silently ignored)
   */
  public static SwitchboardConfig from(Config config) {
    return ConfigReader.read(config);
  }
}
