package io.switchboard.recordings.notify;

import static java.util.Objects.requireNonNull;

import io.switchboard.recordings.importer.RecordingReadyListener;
import io.switchboard.routing.jwt.HmacJwt;
import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.TenantStore;
import io.switchboard.storage.recordings.Recording;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the front-end that a recording is ready once it is imported (spec §11.3): the recording-ready URL given at
 * create is POSTed {@code signed_parameters=<JWT {"meeting_id", "record_id"}>}, signed with each secret in turn until
 * the front-end accepts one (2xx) or says the meeting is gone (404, 410) — Greenlight and Moodle verify the token with
 * their own secret, and several front-ends may use different secrets. The secrets are those of the recording's tenant
 * (its {@code tenant-id} metadata) when that tenant exists, else the load-balancer secrets. A call that fails to
 * connect is retried with the same secret after a pause, a bounded number of times.
 */
public final class RecordingReadyNotifier implements RecordingReadyListener {
  private static final Logger log = LoggerFactory.getLogger(RecordingReadyNotifier.class);
  private static final int MAX_ATTEMPTS_PER_SECRET = 3;

  private final CallbackStore callbacks;
  private final TenantStore tenants;
  private final HmacJwt.Algorithm algorithm;
  private final List<HmacJwt> loadBalancerSigners;
  private final HttpClient http;
  private final Duration timeout;
  private final Duration retryPause;

  /**
   * @param tenants where the secrets of a recording's tenant are found
   * @param secrets the load-balancer secrets, for recordings without a (known) tenant
   */
  public RecordingReadyNotifier(CallbackStore callbacks, TenantStore tenants, List<String> secrets,
      HmacJwt.Algorithm algorithm, HttpClient http, Duration timeout, Duration retryPause) {
    this.callbacks = requireNonNull(callbacks, "callbacks");
    this.tenants = requireNonNull(tenants, "tenants");
    this.algorithm = requireNonNull(algorithm, "algorithm");
    this.loadBalancerSigners = signers(secrets, algorithm);
    this.http = requireNonNull(http, "http");
    this.timeout = requireNonNull(timeout, "timeout");
    this.retryPause = requireNonNull(retryPause, "retryPause");
  }

  @Override
  public void recordingImported(Recording recording) {
    notifyFrontEnd(recording).exceptionally(failure -> {
      log.warn("recording-ready callback for {} failed: {}", recording.recordId(), failure.toString());
      return false;
    });
  }

  /** Completes with whether the front-end took the notification; false when there is no URL or nobody accepted. */
  public CompletionStage<Boolean> notifyFrontEnd(Recording recording) {
    return callbacks.recordingReadyUrl(recording.meetingId()).thenCompose(url -> url.isEmpty()
        ? CompletableFuture.completedFuture(false)
        : signersFor(recording).thenCompose(signers -> trySecret(URI.create(url.get()), recording, signers, 0, 1)));
  }

  /** The tenant's secrets for a recording of a tenant that exists, else the load-balancer secrets (spec §11.3). */
  private CompletionStage<List<HmacJwt>> signersFor(Recording recording) {
    String tenantId = recording.tenantId();
    if (tenantId.isBlank()) {
      return CompletableFuture.completedFuture(loadBalancerSigners);
    }
    return tenants.find(tenantId).thenApply(tenant -> tenant
        .map(found -> signers(found.secrets(), algorithm))
        .orElse(loadBalancerSigners));
  }

  private static List<HmacJwt> signers(List<String> secrets, HmacJwt.Algorithm algorithm) {
    return secrets.stream().filter(secret -> !secret.isEmpty()).map(secret -> HmacJwt.of(algorithm, secret)).toList();
  }

  private CompletionStage<Boolean> trySecret(URI url, Recording recording, List<HmacJwt> signers, int secret,
      int attempt) {
    if (secret >= signers.size()) {
      log.warn("recording-ready callback for {}: no secret was accepted by {}", recording.recordId(), url);
      return CompletableFuture.completedFuture(false);
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("meeting_id", recording.meetingId());
    claims.put("record_id", recording.recordId());
    String body = "signed_parameters=" + URLEncoder.encode(signers.get(secret).sign(claims), StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("User-Agent", "Switchboard")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
      if (failure != null) {
        if (attempt >= MAX_ATTEMPTS_PER_SECRET) {
          log.warn("recording-ready callback for {} to {} failed {} times: {}", recording.recordId(), url, attempt,
              failure.toString());
          return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(retryPause.toMillis() * attempt, TimeUnit.MILLISECONDS))
            .thenCompose(ignored -> trySecret(url, recording, signers, secret, attempt + 1));
      }
      int status = response.statusCode();
      if (status / 100 == 2 || status == 404 || status == 410) {
        log.info("recording-ready callback for {} answered {}", recording.recordId(), status);
        return CompletableFuture.completedFuture(status / 100 == 2);
      }
      return trySecret(url, recording, signers, secret + 1, 1);
    }).thenCompose(next -> next);
  }
}
