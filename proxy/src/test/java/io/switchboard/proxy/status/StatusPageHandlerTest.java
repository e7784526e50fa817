package io.switchboard.proxy.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.switchboard.conf.StatusPageConfig;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusPageHandlerTest {
  private static final Instant NOW = Instant.parse("2026-11-29T20:00:00Z");
  private static final String PASSWORD = "status-password";
  private final Stores stores = Stores.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void withoutTheAdminCredentialsNothingIsShown() {
    FullHttpResponse anonymous = get(handler(Optional.empty()), "/status", null);
    FullHttpResponse guessed = get(handler(Optional.empty()), "/status/data", basic("admin", "guess"));
    FullHttpResponse otherUser = get(handler(Optional.empty()), "/status/data", basic("root", PASSWORD));

    for (FullHttpResponse refused : new FullHttpResponse[] {anonymous, guessed, otherUser}) {
      assertThat(refused.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
      assertThat(refused.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Basic realm=");
      assertThat(refused.content().toString(StandardCharsets.UTF_8)).doesNotContain("bbb1");
      refused.release();
    }
  }

  @Test
  void thePageIsHtmlThatPollsTheData() {
    FullHttpResponse page = get(handler(Optional.empty()), "/status", basic("admin", PASSWORD));

    assertThat(page.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(page.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/html");
    assertThat(page.content().toString(StandardCharsets.UTF_8))
        .contains("<title>Switchboard status</title>")
        .contains("location.origin + \"/status/data\"");
    page.release();
  }

  @Test
  void theDataShowsServersTheirMeetingsAndImportFailuresButNoSecrets(@TempDir Path failed) throws IOException {
    stores.servers().save(new ServerRecord("bbb1", URI.create("https://bbb1.example.com/bigbluebutton/api"),
        "server-secret", ServerState.ENABLED, true, 2.0, Set.of("eu"), 0, 0, 1, 12, 12, 3, "2.7.4"));
    stores.load().set("bbb1", 24.5);
    stores.meetings().createIfAbsent(new MeetingRecord("room-1", "bbb1", "moderator-password", "712345678", "",
        NOW.minusSeconds(60)));
    Files.writeString(failed.resolve("abc-123.tar.reason"), "2026-11-29T19:00:00Z not a tar archive\n");
    Files.writeString(failed.resolve("abc-123.tar"), "junk");

    FullHttpResponse data = get(handler(Optional.of(failed)), "/status/data", basic("admin", PASSWORD));

    assertThat(data.status()).isEqualTo(HttpResponseStatus.OK);
    String body = data.content().toString(StandardCharsets.UTF_8);
    data.release();
    assertThat(body).doesNotContain("server-secret").doesNotContain("moderator-password");
    JsonNode json = new ObjectMapper().readTree(body);
    JsonNode server = json.get("servers").get(0);
    assertThat(server.get("host").asText()).isEqualTo("bbb1.example.com");
    assertThat(server.get("state").asText()).isEqualTo("enabled");
    assertThat(server.get("online").asBoolean()).isTrue();
    assertThat(server.get("load").asDouble()).isEqualTo(24.5);
    assertThat(server.get("users").asInt()).isEqualTo(12);
    assertThat(server.get("routed_meetings").get(0).get("id").asText()).isEqualTo("room-1");
    JsonNode failure = json.get("import_failures").get(0);
    assertThat(failure.get("tarball").asText()).isEqualTo("abc-123.tar");
    assertThat(failure.get("reason").asText()).isEqualTo("not a tar archive");
    assertThat(failure.get("failed_at").asText()).isEqualTo("2026-11-29T19:00:00Z");
  }

  @Test
  void otherPathsGoOn() {
    EmbeddedChannel channel = new EmbeddedChannel(handler(Optional.empty()));
    FullHttpRequest api = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/statuses");
    channel.writeInbound(api);
    Object passed = channel.readInbound();
    assertThat(passed).isSameAs(api);
    ReferenceCountUtil.release(passed);
    channel.finishAndReleaseAll();
  }

  private StatusPageHandler handler(Optional<Path> failedDir) {
    return new StatusPageHandler(new StatusPageConfig(Optional.of(PASSWORD)), stores, failedDir, Runnable::run,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static FullHttpResponse get(StatusPageHandler handler, String uri, String authorization) {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    if (authorization != null) {
      request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
    }
    channel.writeInbound(request);
    channel.runPendingTasks();
    FullHttpResponse response = channel.readOutbound();
    channel.finishAndReleaseAll();
    return response;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
