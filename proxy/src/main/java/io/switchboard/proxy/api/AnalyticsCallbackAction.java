package io.switchboard.proxy.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.routing.jwt.HmacJwt;
import io.switchboard.routing.params.Params;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays BBB's analytics callback to the front-end that asked for it (spec §4.9). At create, Switchboard replaced the
 * front-end's {@code meta_analytics-callback-url} with its own {@code analytics_callback} endpoint and kept the
 * front-end's URL; BBB (or bbb-webhooks) now POSTs the meeting's analytics there with a Bearer token signed (HS512)
 * with its own server secret. A token that verifies with the secret of any registered server is relayed: every
 * parameter (query and form, then the JSON body's fields) plus {@code customer} — the tenant's name, or
 * {@code scalelite} — POSTed as JSON to the stored URL with a Bearer token of its own ({@code exp} a day ahead), signed
 * with each of the tenant's secrets (else the load-balancer secrets) in turn until the front-end answers 2xx.
 *
 * <p>BBB is answered 204 before any of this happens and whatever becomes of it, as Scalelite always answers 204:
 * the relay runs on the JDK HTTP client's threads, never on an event loop. A call that fails to connect is retried
 * with the same secret after a pause, a bounded number of times. Logs name the meeting and the callback's host and
 * path, never a token, a secret or the callback's query.
 */
final class AnalyticsCallbackAction {
  private static final Logger log = LoggerFactory.getLogger(AnalyticsCallbackAction.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BEARER = "Bearer ";
  private static final String USER_AGENT = "BigBlueButton Analytics Callback";
  private static final String NO_TENANT = "scalelite";
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
  private static final int MAX_ATTEMPTS_PER_SECRET = 3;

  private final Stores stores;
  private final List<String> loadBalancerSecrets;
  private final boolean multitenancy;
  private final String urlHost;
  private final HttpClient http;
  private final Duration timeout;
  private final Duration retryPause;
  private final Clock clock;

  /**
   * @param multitenancy whether tenants are told apart by the first label of the callback's Host (spec §3.4)
   * @param urlHost the public host the tenants' hosts are subdomains of; {@code ""} for any
   * @param timeout the longest wait for the front-end's answer to one relay
   * @param retryPause the pause before the first retry of a relay that could not connect, longer for each next one
   */
  AnalyticsCallbackAction(Stores stores, List<String> loadBalancerSecrets, boolean multitenancy, String urlHost,
      HttpClient http, Duration timeout, Duration retryPause, Clock clock) {
    this.stores = requireNonNull(stores, "stores");
    this.loadBalancerSecrets = List.copyOf(loadBalancerSecrets);
    this.multitenancy = multitenancy;
    this.urlHost = urlHost.toLowerCase(Locale.ROOT);
    this.http = requireNonNull(http, "http");
    this.timeout = requireNonNull(timeout, "timeout");
    this.retryPause = requireNonNull(retryPause, "retryPause");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Starts relaying one analytics callback and returns at once.
   *
   * @param authorization the request's Authorization header, if any
   * @param host the host the callback was addressed to, which names the tenant with multitenancy on
   * @param params the query parameters merged with a form body's
   * @param body the request body: the analytics as JSON when {@code contentType} says so
   * @return completes with whether a front-end accepted the relay; never exceptionally
   */
  CompletionStage<Boolean> relay(@Nullable String authorization, String host, Params params, byte[] body,
      String contentType) {
    try {
      String token = authorization == null ? "" : authorization.trim();
      if (!token.startsWith(BEARER)) {
        log.info("analytics callback without a Bearer token: not relayed");
        return CompletableFuture.completedFuture(false);
      }
      ObjectNode payload = payload(params, body, contentType);
      String bearer = token.substring(BEARER.length()).trim();
      return stores.servers().all()
          .thenCompose(servers -> {
            if (!signedByAServer(bearer, servers)) {
              log.info("analytics callback with a token no registered server signed: not relayed");
              return CompletableFuture.completedFuture(false);
            }
            return relayVerified(payload, host);
          })
          .exceptionally(failure -> {
            log.warn("analytics callback not relayed: {}", failure.toString());
            return false;
          });
    } catch (RuntimeException bug) {
      log.error("analytics callback not relayed", bug);
      return CompletableFuture.completedFuture(false);
    }
  }

  private CompletionStage<Boolean> relayVerified(ObjectNode payload, String host) {
    JsonNode meetingIdNode = payload.get("meeting_id");
    String meetingId = meetingIdNode == null || meetingIdNode.isNull() ? "" : meetingIdNode.asText();
    if (meetingId.isEmpty()) {
      log.info("analytics callback without meeting_id: not relayed");
      return CompletableFuture.completedFuture(false);
    }
    return stores.callbacks().analyticsCallbackUrl(meetingId).thenCompose(url -> {
      if (url.isEmpty()) {
        log.info("analytics callback for {}: the front-end asked for none", meetingId);
        return CompletableFuture.completedFuture(false);
      }
      URI target;
      try {
        target = URI.create(url.get());
      } catch (IllegalArgumentException unusable) {
        log.warn("analytics callback for {}: the stored callback URL is not a URL", meetingId);
        return CompletableFuture.completedFuture(false);
      }
      return tenantOf(meetingId, host).thenCompose(tenant -> {
        payload.put("customer", tenant.map(Tenant::name).orElse(NO_TENANT));
        byte[] json;
        try {
          json = JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException impossible) {
          throw new IllegalStateException(impossible);
        }
        List<HmacJwt> signers = tenant.map(Tenant::secrets).orElse(loadBalancerSecrets).stream()
            .map(secret -> HmacJwt.of(HmacJwt.Algorithm.HS512, secret)).toList();
        return trySecret(target, meetingId, json, signers, 0, 1);
      });
    });
  }

  /** Whether the token is HS512, signed with a registered server's secret, and not expired if it says when it expires. */
  private boolean signedByAServer(String token, List<ServerRecord> servers) {
    for (ServerRecord server : servers) {
      if (server.secret().isEmpty()) {
        continue;
      }
      Optional<String> claims = HmacJwt.of(HmacJwt.Algorithm.HS512, server.secret()).verifiedClaims(token);
      if (claims.isPresent()) {
        return unexpired(claims.get());
      }
    }
    return false;
  }

  private boolean unexpired(String claims) {
    try {
      JsonNode exp = JSON.readTree(claims).get("exp");
      return exp == null || exp.isNumber() && exp.asLong() > clock.instant().getEpochSecond();
    } catch (JsonProcessingException notJson) {
      return false;
    }
  }

  /**
   * Every parameter as Rails gathers them: query and form parameters, then the JSON body's fields (nested values kept),
   * which win as Rails merges the request body over the query.
   */
  private static ObjectNode payload(Params params, byte[] body, String contentType) {
    ObjectNode payload = JSON.createObjectNode();
    for (Map.Entry<String, String> param : params.asMap().entrySet()) {
      payload.put(param.getKey(), param.getValue());
    }
    if (body.length > 0 && contentType.toLowerCase(Locale.ROOT).contains("json")) {
      try {
        JsonNode document = JSON.readTree(body);
        if (document != null && document.isObject()) {
          payload.setAll((ObjectNode) document);
        }
      } catch (IOException notJson) {
        log.info("analytics callback with a body that is not JSON: relaying its parameters only");
      }
    }
    return payload;
  }

  /**
   * The tenant of the callback: the one its host names (how Scalelite finds it, the callback URL given to BBB at create
   * being {@code https://<tenant>.<URL_HOST>/...}), else the one the meeting record names while the meeting is still
   * known; none without multitenancy.
   */
  private CompletionStage<Optional<Tenant>> tenantOf(String meetingId, String host) {
    if (!multitenancy) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Optional<String> label = tenantLabel(host);
    CompletionStage<Optional<Tenant>> byHost = label.isEmpty()
        ? CompletableFuture.completedFuture(Optional.empty())
        : stores.tenants().findByName(label.get());
    return byHost.thenCompose(tenant -> tenant.isPresent()
        ? CompletableFuture.completedFuture(tenant)
        : stores.meetings().find(meetingId).thenCompose(meeting ->
            meeting.isEmpty() || meeting.get().tenantId().isEmpty()
                ? CompletableFuture.completedFuture(Optional.<Tenant>empty())
                : stores.tenants().find(meeting.get().tenantId())));
  }

  /** The first label of a host below {@code urlHost} (any host's first label when {@code urlHost} is empty). */
  Optional<String> tenantLabel(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf(']')) {
      name = name.substring(0, colon);
    }
    int dot = name.indexOf('.');
    if (dot <= 0 || name.startsWith("[")) {
      return Optional.empty();
    }
    if (!urlHost.isEmpty() && !name.substring(dot + 1).equals(urlHost)) {
      return Optional.empty();
    }
    return Optional.of(name.substring(0, dot));
  }

  private CompletionStage<Boolean> trySecret(URI target, String meetingId, byte[] json, List<HmacJwt> signers,
      int secret, int attempt) {
    String where = target.getScheme() + "://" + target.getRawAuthority() + target.getRawPath();
    if (secret >= signers.size()) {
      log.warn("analytics callback for {}: {} accepted none of the {} secrets", meetingId, where, signers.size());
      return CompletableFuture.completedFuture(false);
    }
    String token = signers.get(secret).sign(Map.of("exp", clock.instant().plus(TOKEN_LIFETIME).getEpochSecond()));
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Authorization", BEARER + token)
        .header("User-Agent", USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
      if (failure != null) {
        if (attempt >= MAX_ATTEMPTS_PER_SECRET) {
          log.warn("analytics callback for {} to {} failed {} times: {}", meetingId, where, attempt,
              failure.toString());
          return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(retryPause.toMillis() * attempt, TimeUnit.MILLISECONDS))
            .thenCompose(ignored -> trySecret(target, meetingId, json, signers, secret, attempt + 1));
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        log.info("analytics callback for {} relayed to {} ({})", meetingId, where, status);
        return CompletableFuture.completedFuture(true);
      }
      log.info("analytics callback for {}: {} answered {}, trying the next secret", meetingId, where, status);
      return trySecret(target, meetingId, json, signers, secret + 1, 1);
    }).thenCompose(next -> next);
  }
}
