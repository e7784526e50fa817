package io.switchboard.routing.rewrite;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where BBB servers post a meeting's analytics: Switchboard's own {@code analytics_callback} endpoint, which relays them
 * to the URL the front-end gave at create (spec §4.5 step 10, §4.9). BBB reaches Switchboard by its public name, so
 * the URL is built from URL_HOST, prefixed with the tenant's name as its front-ends reach it.
 */
public final class AnalyticsCallbackUrl {
  private static final String PATH = "/bigbluebutton/api/analytics_callback";

  private AnalyticsCallbackUrl() {}

  /**
   * {@code https://<urlHost>/bigbluebutton/api/analytics_callback}, or {@code https://<tenant>.<urlHost>/…} for a
   * tenant's meeting. Without a URL_HOST, the host the create came to: a tenant's front-end already called
   * {@code <tenant>.<domain>}, so it is used as it is.
   *
   * @param urlHost the configured URL_HOST, or {@code ""}
   * @param requestHost the host (and port, if any) the front-end's create was addressed to
   * @param tenantName the name of the tenant the create came through
   */
  public static String of(String urlHost, String requestHost, Optional<String> tenantName) {
    requireNonNull(urlHost, "urlHost");
    requireNonNull(requestHost, "requestHost");
    requireNonNull(tenantName, "tenantName");
    String host = urlHost.isBlank()
        ? requestHost
        : tenantName.map(name -> name + "." + urlHost).orElse(urlHost);
    return "https://" + host + PATH;
  }
}
