package io.switchboard.recordings.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.routing.jwt.HmacJwt;
import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.recordings.Recording;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The front-end hears about an imported recording with a token it can verify with its own secret. */
class RecordingReadyNotifierTest {
  private final List<String> tokensReceived = new CopyOnWriteArrayList<>();
  private final Stores stores = Stores.inMemory();
  private HttpServer frontEnd;
  private String acceptedSecret = "front-end-secret";

  @BeforeEach
  void startFrontEnd() throws IOException {
    frontEnd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    frontEnd.createContext("/recording_ready", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String token = URLDecoder.decode(body.substring("signed_parameters=".length()), StandardCharsets.UTF_8);
      tokensReceived.add(token);
      boolean ours = HmacJwt.of(HmacJwt.Algorithm.HS256, acceptedSecret).verifiedClaims(token).isPresent();
      exchange.sendResponseHeaders(ours ? 200 : 401, -1);
      exchange.close();
    });
    frontEnd.createContext("/gone", exchange -> {
      tokensReceived.add("gone");
      exchange.sendResponseHeaders(410, -1);
      exchange.close();
    });
    frontEnd.start();
  }

  @AfterEach
  void stopFrontEnd() {
    frontEnd.stop(0);
  }

  private RecordingReadyNotifier notifier(List<String> secrets) {
    return new RecordingReadyNotifier(stores.callbacks(), stores.tenants(), secrets, HmacJwt.Algorithm.HS256,
        HttpClient.newHttpClient(), Duration.ofSeconds(5), Duration.ofMillis(10));
  }

  private static Recording recording() {
    return recording(Map.of());
  }

  private static Recording recording(Map<String, String> metadata) {
    return new Recording("abc-1700000000000", "room-1", "Room", true, false, Optional.of("published"), 0, 0,
        OptionalInt.empty(), metadata, List.of(), false);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + frontEnd.getAddress().getPort() + path;
  }

  @Test
  void signsWithEachSecretUntilTheFrontEndAcceptsOne() {
    stores.callbacks().putRecordingReadyUrl("room-1", url("/recording_ready")).toCompletableFuture().join();

    boolean accepted = notifier(List.of("other-secret", "front-end-secret", "third"))
        .notifyFrontEnd(recording()).toCompletableFuture().join();

    assertThat(accepted).isTrue();
    assertThat(tokensReceived).as("the first secret is refused, the second accepted, the third never tried")
        .hasSize(2);
    assertThat(HmacJwt.of(HmacJwt.Algorithm.HS256, "front-end-secret").verifiedClaims(tokensReceived.get(1)))
        .contains("{\"meeting_id\":\"room-1\",\"record_id\":\"abc-1700000000000\"}");
  }

  @Test
  void aTenantsRecordingIsSignedWithTheTenantsSecretsInOrder() {
    stores.tenants().save(new Tenant("t-1", "acme", List.of("acme-old", "front-end-secret"), Map.of(),
        TenantLimits.UNLIMITED)).toCompletableFuture().join();
    stores.callbacks().putRecordingReadyUrl("room-1", url("/recording_ready")).toCompletableFuture().join();

    boolean accepted = notifier(List.of("lb-secret")).notifyFrontEnd(recording(Map.of("tenant-id", "t-1")))
        .toCompletableFuture().join();

    assertThat(accepted).isTrue();
    assertThat(tokensReceived).hasSize(2);
    assertThat(HmacJwt.of(HmacJwt.Algorithm.HS256, "acme-old").verifiedClaims(tokensReceived.get(0))).isPresent();
    assertThat(HmacJwt.of(HmacJwt.Algorithm.HS256, "front-end-secret").verifiedClaims(tokensReceived.get(1)))
        .isPresent();
  }

  @Test
  void anUnknownTenantFallsBackToTheLoadBalancerSecrets() {
    stores.callbacks().putRecordingReadyUrl("room-1", url("/recording_ready")).toCompletableFuture().join();

    boolean accepted = notifier(List.of("front-end-secret")).notifyFrontEnd(recording(Map.of("tenant-id", "gone")))
        .toCompletableFuture().join();

    assertThat(accepted).isTrue();
    assertThat(tokensReceived).hasSize(1);
  }

  @Test
  void goneMeansStop() {
    stores.callbacks().putRecordingReadyUrl("room-1", url("/gone")).toCompletableFuture().join();

    boolean accepted = notifier(List.of("a", "b")).notifyFrontEnd(recording()).toCompletableFuture().join();

    assertThat(accepted).isFalse();
    assertThat(tokensReceived).containsExactly("gone");
  }

  @Test
  void noUrlNoCall() {
    boolean accepted = notifier(List.of("a")).notifyFrontEnd(recording()).toCompletableFuture().join();

    assertThat(accepted).isFalse();
    assertThat(tokensReceived).isEmpty();
  }

  @Test
  void unreachableFrontEndIsRetriedThenGivenUp() {
    CallbackStore callbacks = stores.callbacks();
    callbacks.putRecordingReadyUrl("room-1", "http://127.0.0.1:1/recording_ready").toCompletableFuture().join();

    boolean accepted = notifier(List.of("a")).notifyFrontEnd(recording()).toCompletableFuture().join();

    assertThat(accepted).isFalse();
  }
}
