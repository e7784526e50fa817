package io.switchboard.proxy.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.switchboard.routing.lrs.LrsPayload;
import io.switchboard.storage.Tenant;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LRS credentials a tenant's creates carry to bbb-webhooks (spec §11.5): the tenant's LRS user name and password,
 * or, when the tenant names a Keycloak token URL, an access token Keycloak grants its user (password grant).
 *
 * <p>The token is fetched with the JDK HTTP client's {@code sendAsync}, never on an event loop, and reused until
 * {@link #REUSE_MARGIN} before Keycloak says it expires, so creates do not each wait for Keycloak; concurrent creates of
 * one tenant share one fetch. Any answer but a 200 with an {@code access_token}, a timeout or a network failure yields
 * no payload (Scalelite would send the basic fields instead, empty for a Keycloak tenant), and the create goes on
 * without one. Logs name the tenant and the token URL's host and path, never a secret, a password or a token.
 */
final class LrsCredentials {
  private static final Logger log = LoggerFactory.getLogger(LrsCredentials.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long before its expiry a token is no longer handed out: bbb-webhooks still has to use it. */
  static final Duration REUSE_MARGIN = Duration.ofSeconds(30);
  private static final int MAX_TOKENS = 10_000;

  /** What a token is fetched with; a tenant whose credentials change asks again. {@link #toString()} hides them. */
  private record TokenRequest(String tenantName, String url, String clientId, String clientSecret, String username,
      String password) {
    @Override
    public String toString() {
      return "TokenRequest[" + tenantName + "]";
    }
  }

  /** An access token and how long it may still be handed out. */
  private record Token(String accessToken, Duration reusable) {
    @Override
    public String toString() {
      return "Token[reusable=" + reusable + "]";
    }
  }

  private final HttpClient http;
  private final Duration timeout;
  private final AsyncCache<TokenRequest, Token> tokens;

  /** @param timeout the longest wait for Keycloak's answer, after which the create goes on without a payload */
  LrsCredentials(HttpClient http, Duration timeout) {
    this.http = requireNonNull(http, "http");
    this.timeout = requireNonNull(timeout, "timeout");
    this.tokens = Caffeine.newBuilder()
        .maximumSize(MAX_TOKENS)
        .expireAfter(Expiry.creating((TokenRequest request, Token token) -> token.reusable()))
        // The loader only starts an HTTP call; nothing blocks, so no thread pool is needed to run it.
        .executor(Runnable::run)
        .buildAsync();
  }

  /** Whether the tenant's creates carry an LRS payload: it has an {@code lrs_endpoint}. */
  static boolean configured(Optional<Tenant> tenant) {
    return tenant.map(t -> field(t, "lrs_endpoint")).filter(endpoint -> !endpoint.isBlank()).isPresent();
  }

  /**
   * The payload of a {@linkplain #configured configured} tenant; empty when Keycloak granted no token. Never completes
   * exceptionally.
   */
  CompletionStage<Optional<LrsPayload>> payload(Tenant tenant) {
    String endpoint = field(tenant, "lrs_endpoint");
    String tokenUrl = field(tenant, "kc_token_url");
    if (tokenUrl.isBlank()) {
      return CompletableFuture.completedFuture(Optional.of(LrsPayload.basic(endpoint,
          tenant.credentials().get("lrs_username"), tenant.credentials().get("lrs_password"))));
    }
    TokenRequest request = new TokenRequest(tenant.name(), tokenUrl.trim(), field(tenant, "kc_client_id"),
        field(tenant, "kc_client_secret"), field(tenant, "kc_username"), field(tenant, "kc_password"));
    return tokens.get(request, (key, executor) -> fetch(key))
        .handle((token, failure) -> {
          if (failure != null) {
            log.warn("LRS token for tenant {} not fetched: {}", tenant.name(), failure.toString());
          }
          return token == null ? Optional.<LrsPayload>empty()
              : Optional.of(LrsPayload.token(endpoint, token.accessToken()));
        });
  }

  /** Keycloak's token for the request; {@code null} (which Caffeine does not keep) when it granted none. */
  private CompletableFuture<@Nullable Token> fetch(TokenRequest token) {
    URI target;
    HttpRequest request;
    try {
      target = URI.create(token.url());
      request = HttpRequest.newBuilder(target)
          .timeout(timeout)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(form(token)))
          .build();
    } catch (IllegalArgumentException badUrl) {
      log.warn("LRS token for tenant {} not fetched: kc_token_url is not an http(s) URL", token.tenantName());
      return CompletableFuture.completedFuture(null);
    }
    String where = target.getScheme() + "://" + target.getRawAuthority() + target.getRawPath();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        log.warn("LRS token for tenant {} not fetched from {}: {}", token.tenantName(), where, cause.toString());
        return null;
      }
      if (response.statusCode() != 200) {
        log.warn("LRS token for tenant {} not granted: {} answered {}", token.tenantName(), where,
            response.statusCode());
        return null;
      }
      Token granted = parse(response.body());
      if (granted == null) {
        log.warn("LRS token for tenant {} not granted: {} answered 200 without an access_token", token.tenantName(),
            where);
      }
      return granted;
    });
  }

  /** The OAuth 2 token answer's {@code access_token}, reusable until {@link #REUSE_MARGIN} before its expiry. */
  private static @Nullable Token parse(byte[] body) {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
    if (answer == null || !answer.path("access_token").isTextual() || answer.path("access_token").asText().isBlank()) {
      return null;
    }
    long expiresIn = answer.path("expires_in").canConvertToLong() ? answer.path("expires_in").asLong() : 0;
    Duration reusable = Duration.ofSeconds(Math.max(0, expiresIn)).minus(REUSE_MARGIN);
    return new Token(answer.path("access_token").asText(), reusable.isNegative() ? Duration.ZERO : reusable);
  }

  private static String form(TokenRequest token) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("client_id", token.clientId());
    fields.put("client_secret", token.clientSecret());
    fields.put("username", token.username());
    fields.put("password", token.password());
    fields.put("grant_type", "password");
    StringJoiner form = new StringJoiner("&");
    fields.forEach((name, value) -> form.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return form.toString();
  }

  private static String field(Tenant tenant, String name) {
    return tenant.credentials().getOrDefault(name, "");
  }
}
