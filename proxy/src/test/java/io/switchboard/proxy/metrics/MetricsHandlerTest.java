package io.switchboard.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.conf.ServerState;
import io.switchboard.storage.ServerRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsHandlerTest {
  private final SwitchboardMetrics metrics = SwitchboardMetrics.create();

  @Test
  void prometheusGetsTheCallsByNameAndOutcome() {
    metrics.apiCall("create", "", 2_000_000);
    metrics.apiCall("join", "checksumError", 1_000_000);
    metrics.apiCall("join", "someKeyOnlyOneServerSends", 1_000_000);
    metrics.apiCall("../../etc/passwd", "", 1_000_000);

    String scraped = scrape(open(Optional.empty()), "/metrics", null);

    assertThat(scraped)
        .contains("switchboard_api_requests_seconds_count{call=\"create\",outcome=\"success\"} 1")
        .contains("switchboard_api_requests_seconds_count{call=\"join\",outcome=\"checksumError\"} 1")
        .contains("switchboard_api_requests_seconds_count{call=\"join\",outcome=\"failed\"} 1")
        .contains("switchboard_api_requests_seconds_count{call=\"unsupported\",outcome=\"success\"} 1")
        .doesNotContain("passwd")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void serverGaugesFollowTheLastPollAndForgetRemovedServers() {
    ServerRecord bbb1 = server("bbb1", ServerState.ENABLED, true, 7);
    ServerRecord bbb2 = server("bbb2", ServerState.CORDONED, false, 0);
    metrics.servers(List.of(bbb1, bbb2), Map.of("bbb1", 42.0));
    String first = scrape(open(Optional.empty()), "/metrics", null);

    metrics.servers(List.of(bbb1), Map.of("bbb1", 40.0));
    String second = scrape(open(Optional.empty()), "/metrics", null);

    assertThat(first)
        .contains("switchboard_server_load{server=\"bbb1\"} 42.0")
        .contains("switchboard_server_meetings{server=\"bbb1\"} 7.0")
        .contains("switchboard_server_online{server=\"bbb2\"} 0.0")
        .contains("switchboard_server_state{server=\"bbb2\",state=\"cordoned\"} 1.0")
        .contains("switchboard_server_state{server=\"bbb2\",state=\"enabled\"} 0.0")
        .doesNotContain("switchboard_server_load{server=\"bbb2\"}");
    assertThat(second)
        .contains("switchboard_server_load{server=\"bbb1\"} 40.0")
        .doesNotContain("server=\"bbb2\"");
  }

  @Test
  void recordingsCountRequestsAndBytesByFormat() {
    metrics.recordingServed("presentation", 200, 1000);
    metrics.recordingServed("presentation", 206, 24);
    metrics.recordingImported();

    String scraped = scrape(open(Optional.empty()), "/metrics", null);

    assertThat(scraped)
        .contains("switchboard_recordings_requests_total{format=\"presentation\",status=\"200\"} 1.0")
        .contains("switchboard_recordings_served_bytes_total{format=\"presentation\"} 1024.0")
        .contains("switchboard_recordings_imported_total 1.0");
  }

  @Test
  void aPasswordRequiresBasicAuthentication() {
    Optional<BasicAuthentication> auth = Optional.of(new BasicAuthentication("prometheus", "s3cret", "Switchboard"));

    FullHttpResponse refused = answer(open(auth), "/metrics", null);
    FullHttpResponse wrong = answer(open(auth), "/metrics", basic("prometheus", "guess"));
    FullHttpResponse accepted = answer(open(auth), "/metrics", basic("prometheus", "s3cret"));

    assertThat(refused.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
    assertThat(refused.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Basic realm=\"Switchboard\"");
    assertThat(wrong.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
    assertThat(accepted.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(accepted.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(MetricsHandler.CONTENT_TYPE);
    for (FullHttpResponse response : List.of(refused, wrong, accepted)) {
      response.release();
    }
  }

  @Test
  void otherPathsAndMethodsAreNotScrapes() {
    EmbeddedChannel channel = open(Optional.empty());
    FullHttpRequest api = request(HttpMethod.GET, "/bigbluebutton/api", null);
    channel.writeInbound(api);
    Object passed = channel.readInbound();
    assertThat(passed).isSameAs(api);
    ReferenceCountUtil.release(passed);

    channel.writeInbound(request(HttpMethod.POST, "/metrics", null));
    FullHttpResponse post = channel.readOutbound();

    assertThat(post.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
    post.release();
    channel.finishAndReleaseAll();
  }

  private EmbeddedChannel open(Optional<BasicAuthentication> auth) {
    return new EmbeddedChannel(new MetricsHandler(metrics, "/metrics", auth));
  }

  private static String scrape(EmbeddedChannel channel, String uri, String authorization) {
    FullHttpResponse response = answer(channel, uri, authorization);
    try {
      assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
      return response.content().toString(StandardCharsets.UTF_8);
    } finally {
      response.release();
    }
  }

  private static FullHttpResponse answer(EmbeddedChannel channel, String uri, String authorization) {
    channel.writeInbound(request(HttpMethod.GET, uri, authorization));
    FullHttpResponse response = channel.readOutbound();
    channel.finishAndReleaseAll();
    return response;
  }

  private static FullHttpRequest request(HttpMethod method, String uri, String authorization) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    if (authorization != null) {
      request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
    }
    return request;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static ServerRecord server(String id, ServerState state, boolean online, int meetings) {
    return new ServerRecord(id, URI.create("https://" + id + ".example.com/bigbluebutton/api"), "secret", state,
        online, 1.0, Set.of(), 0, 0, meetings, meetings * 3, meetings, 0, "2.7");
  }
}
