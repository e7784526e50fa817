package io.switchboard.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAuthorizationHandlerTest {

  private static FullHttpRequest request(String uri, String host) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    request.headers().set(HttpHeaderNames.HOST, host);
    return request;
  }

  @ParameterizedTest(name = "{1}{0} passes: {2}")
  @CsvSource({
      "/bigbluebutton/api, sl.example.com, true",
      "/bigbluebutton/api, SL.Example.COM:443, true",
      "/bigbluebutton/api, evil.example.com, false",
      "/bigbluebutton/api, sl.example.com.evil.net, false",
      "/bigbluebutton/api, '', false",
      "/health_check, 10.0.0.7:8080, true",
      "/livez, 10.0.0.7:8080, true",
      "/readyz?verbose, 10.0.0.7:8080, true",
      "/readyz/x, 10.0.0.7:8080, false",
      "/, 10.0.0.7:8080, false",
  })
  void onlyTheConfiguredHostIsServed(String uri, String host, boolean passes) {
    assertPasses(new HostAuthorizationHandler("sl.example.com", false), uri, host, passes);
  }

  @ParameterizedTest(name = "{1}{0} passes: {2}")
  @CsvSource({
      "/bigbluebutton/api, sl.example.com, true",
      "/bigbluebutton/api, acme.sl.example.com, true",
      "/bigbluebutton/api, ACME.SL.example.com:8443, true",
      "/bigbluebutton/api, a.b.sl.example.com, true",
      "/bigbluebutton/api, acmesl.example.com, false",
      "/bigbluebutton/api, acme.sl.example.com.evil.net, false",
      "/bigbluebutton/api, .sl.example.com, false",
      "/bigbluebutton/api, example.com, false",
      "/health_check, 10.0.0.7:8080, true",
  })
  void withTenantsTheDomainAndEverySubdomainAreServed(String uri, String host, boolean passes) {
    assertPasses(new HostAuthorizationHandler("sl.example.com", true), uri, host, passes);
  }

  private static void assertPasses(HostAuthorizationHandler handler, String uri, String host, boolean passes) {
    EmbeddedChannel channel = new EmbeddedChannel(handler);

    channel.writeInbound(request(uri, host));

    if (passes) {
      FullHttpRequest passed = channel.readInbound();
      assertThat(passed.uri()).isEqualTo(uri);
      passed.release();
      assertThat(channel.<Object>readOutbound()).isNull();
    } else {
      FullHttpResponse response = channel.readOutbound();
      assertThat(response.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
      assertThat(response.content().toString(StandardCharsets.UTF_8)).startsWith("Blocked host: " + host);
      response.release();
      assertThat(channel.<Object>readInbound()).isNull();
    }
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }
}
