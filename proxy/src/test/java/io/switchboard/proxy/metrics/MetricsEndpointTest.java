package io.switchboard.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.NettyLeakExtension;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakExtension.class)
class MetricsEndpointTest {

  @Test
  void prometheusScrapesTheMainPortByIpEvenWithAPublicHostName() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1, "switchboard.api.url-host = \"lb.example.com\"")) {
      HttpResponse<String> scrape = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + "/metrics"));

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("content-type")).hasValue(MetricsHandler.CONTENT_TYPE);
      assertThat(scrape.body()).contains("jvm_memory_used_bytes").contains("netty_allocator_memory_used");
    }
  }

  @Test
  void callsToBbbServersAreCountedByServerAndOutcome() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      switchboard.get("create", "meetingID=counted&name=Counted");

      String scraped = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + "/metrics")).body();

      assertThat(scraped)
          .containsPattern("switchboard_upstream_requests_seconds_count\\{outcome=\"ok\",server=\"bbb0\"\\} [1-9]")
          .contains("switchboard_upstream_connections_in_use ");
    }
  }

  @Test
  void apiCallsPollsServersAndImportsAreCounted() throws Exception {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      switchboard.get("create", "meetingID=metered&name=Metered");
      switchboard.get("join", "meetingID=metered&fullName=Ann&role=VIEWER");
      switchboard.get(switchboard.signed("getMeetingInfo", "meetingID=metered", "wrong-secret", "SHA-256"));
      switchboard.pollNow();
      Path spool = switchboard.recordingsRoot().resolve("spool");
      Files.createDirectories(spool);
      Files.writeString(spool.resolve("not-a-recording.tar"), "this is no tar archive");

      String scraped = scrapeUntil(switchboard, "switchboard_recordings_import_failures_total 1.0");

      assertThat(scraped)
          .contains("switchboard_api_requests_seconds_count{call=\"create\",outcome=\"success\"} 1")
          .contains("switchboard_api_requests_seconds_count{call=\"join\",outcome=\"success\"} 1")
          .contains("switchboard_api_requests_seconds_count{call=\"getMeetingInfo\",outcome=\"checksumError\"} 1")
          .containsPattern("switchboard_poll_seconds_count [1-9]")
          .doesNotContain("metered");
      assertThat(scrapeUntil(switchboard, "switchboard_server_online{server=\"bbb0\"} 1.0"))
          .contains("switchboard_server_state{server=\"bbb0\",state=\"enabled\"} 1.0");
    }
  }

  /** The scrape once it contains {@code expected}, which a background task (importer, poller tick) records. */
  private static String scrapeUntil(SwitchboardFixture switchboard, String expected) throws InterruptedException {
    URI metrics = URI.create("http://127.0.0.1:" + switchboard.port() + "/metrics");
    String scraped = "";
    for (int attempt = 0; attempt < 100 && !scraped.contains(expected); attempt++) {
      if (attempt > 0) {
        Thread.sleep(100);
      }
      scraped = switchboard.get(metrics).body();
    }
    assertThat(scraped).contains(expected);
    return scraped;
  }

  @Test
  void theSharedLoadCacheReportsItsHitsAndMisses() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(SwitchboardFixture.StoreKind.SHARED, 1)) {
      switchboard.pollNow();
      assertThat(switchboard.get("create", "meetingID=cached-1&name=One").body()).contains("SUCCESS");
      assertThat(switchboard.get("create", "meetingID=cached-2&name=Two").body()).contains("SUCCESS");

      String scraped = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + "/metrics")).body();

      assertThat(scraped)
          .containsPattern("cache_gets_total\\{cache=\"load\",result=\"miss\"\\} [1-9]")
          .contains("cache_gets_total{cache=\"load\",result=\"hit\"}");
    }
  }

  /** Consecutive creates write no server, so they read the cached list, unless 500 ms pass between two of them. */
  @Test
  void theSharedServerListCacheReportsItsHitsAndMisses() {
    Pattern hits = Pattern.compile("cache_gets_total\\{cache=\"servers\",result=\"hit\"\\} [1-9]");
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(SwitchboardFixture.StoreKind.SHARED, 1)) {
      switchboard.pollNow();
      URI metrics = URI.create("http://127.0.0.1:" + switchboard.port() + "/metrics");
      String scraped = "";
      for (int create = 1; create <= 10 && !hits.matcher(scraped).find(); create++) {
        assertThat(switchboard.get("create", "meetingID=listed-" + create + "&name=Listed").body()).contains("SUCCESS");
        scraped = switchboard.get(metrics).body();
      }

      assertThat(scraped)
          .containsPattern("cache_gets_total\\{cache=\"servers\",result=\"miss\"\\} [1-9]")
          .containsPattern(hits);
    }
  }

  @Test
  void tenantLookupsReportTheirHitsAndMisses() throws IOException {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1, "switchboard.tenants.enabled = true")) {
      Tenant acme = new Tenant(UUID.randomUUID().toString(), "acme", List.of("acme-secret"), Map.of(),
          TenantLimits.UNLIMITED);
      switchboard.stores().tenants().save(acme).toCompletableFuture().join();
      URI metrics = URI.create("http://127.0.0.1:" + switchboard.port() + "/metrics");

      assertThat(getOnHost(switchboard, "acme.example.com", "getMeetings", "acme-secret"))
          .contains("<returncode>SUCCESS</returncode>");
      String afterOne = switchboard.get(metrics).body();
      assertThat(getOnHost(switchboard, "acme.example.com", "getMeetings", "acme-secret"))
          .contains("<returncode>SUCCESS</returncode>");
      String afterTwo = switchboard.get(metrics).body();

      assertThat(afterOne)
          .contains("cache_gets_total{cache=\"tenants\",result=\"miss\"} 1.0")
          .contains("cache_gets_total{cache=\"tenants\",result=\"hit\"} 0.0")
          .contains("cache_gets_total{cache=\"recording-tenants\",result=\"miss\"} 0.0");
      assertThat(afterTwo)
          .as("the second call finds the tenant in the cache")
          .contains("cache_gets_total{cache=\"tenants\",result=\"miss\"} 1.0")
          .contains("cache_gets_total{cache=\"tenants\",result=\"hit\"} 1.0");
    }
  }

  /**
   * The body of a checksummed API call with the Host header {@code host}, over a socket of its own: Java's HTTP client
   * does not let a caller choose the Host.
   */
  private static String getOnHost(SwitchboardFixture switchboard, String host, String call, String secret)
      throws IOException {
    String checksum = SwitchboardFixture.checksum(call + secret, "SHA-256");
    try (Socket socket = new Socket("127.0.0.1", switchboard.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /bigbluebutton/api/" + call + "?checksum=" + checksum + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aPortOfItsOwnServesOnlyTheScrapeBehindItsPassword() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1, "switchboard.metrics { port = " + port
        + ", username = scraper, password = \"s3cret\" }")) {
      URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");

      HttpResponse<String> anonymous = switchboard.get(metrics);
      HttpResponse<String> authorized = switchboard.send(HttpRequest.newBuilder(metrics)
          .header("Authorization", "Basic c2NyYXBlcjpzM2NyZXQ=").build());
      HttpResponse<String> api = switchboard.get(URI.create("http://127.0.0.1:" + port + "/bigbluebutton/api"));
      HttpResponse<String> mainPort =
          switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + "/metrics"));

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(authorized.statusCode()).isEqualTo(200);
      assertThat(authorized.body()).contains("jvm_memory_used_bytes");
      assertThat(api.statusCode()).isEqualTo(404);
      assertThat(mainPort.body()).doesNotContain("jvm_memory_used_bytes");
    }
  }
}
