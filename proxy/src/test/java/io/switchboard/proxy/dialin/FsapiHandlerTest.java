package io.switchboard.proxy.dialin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.conf.DialInConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FsapiHandler} alone in an {@link EmbeddedChannel}: what a call gateway reads for each request it can send. */
class FsapiHandlerTest {
  private static final String PASSWORD = "gateway-password";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final DialInConfig CONFIG = new DialInConfig(true, PASSWORD, Duration.ofMinutes(60), 5, 9);

  private Stores stores;
  private EmbeddedChannel channel;

  @BeforeEach
  void newChannel() {
    stores = Stores.inMemory();
    stores.servers().save(new ServerRecord("bbb1", URI.create("https://bbb1.example.com/bigbluebutton/api"), "s",
        ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "")).toCompletableFuture().join();
    stores.meetings().createIfAbsent(new MeetingRecord("room-1", "bbb1", "mp", "123456789", "", Instant.now()))
        .toCompletableFuture().join();
    channel = new EmbeddedChannel(new FsapiHandler(CONFIG, "sl.example.com", stores.meetings(), stores.servers()));
  }

  @AfterEach
  void closeChannel() {
    assertThat(channel.finishAndReleaseAll()).as("one request, one answer, nothing left over").isFalse();
    stores.close();
  }

  private static FullHttpRequest post(String uri, String form, @Nullable String credentials) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
        Unpooled.copiedBuffer(form, StandardCharsets.UTF_8));
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, FORM);
    if (credentials != null) {
      request.headers().set(HttpHeaderNames.AUTHORIZATION,
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private record Answer(int status, String contentType, @Nullable String challenge, String body) {}

  private Answer exchange(FullHttpRequest request) {
    channel.writeInbound(request);
    channel.runPendingTasks();
    FullHttpResponse response = channel.readOutbound();
    try {
      return new Answer(response.status().code(), response.headers().get(HttpHeaderNames.CONTENT_TYPE),
          response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE),
          response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  private Answer dialPlan(String form) {
    return exchange(post("/fsapi", form, "fsapi:" + PASSWORD));
  }

  @Test
  void withoutCredentialsTheGatewayIsChallenged() {
    Answer answer = exchange(post("/fsapi", "section=dialplan&Caller-Destination-Number=100", null));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.challenge()).isEqualTo("Basic realm=\"sl.example.com\"");
    assertThat(answer.body()).isEqualTo("HTTP Basic: Access denied.\n");
  }

  @Test
  void aWrongPasswordOrUserIsDenied() {
    assertThat(exchange(post("/fsapi", "section=dialplan", "fsapi:nope")).status()).isEqualTo(401);
    assertThat(exchange(post("/fsapi", "section=dialplan", "admin:" + PASSWORD)).status()).isEqualTo(401);
    FullHttpRequest garbled = post("/fsapi", "section=dialplan", null);
    garbled.headers().set(HttpHeaderNames.AUTHORIZATION, "Basic !!!");
    assertThat(exchange(garbled).status()).isEqualTo(401);
  }

  @Test
  void withAuthenticationOffAnyoneGetsTheDialPlan() {
    channel.finishAndReleaseAll();
    channel = new EmbeddedChannel(new FsapiHandler(new DialInConfig(false, "", Duration.ZERO, 5, 9), "",
        stores.meetings(), stores.servers()));

    Answer answer = exchange(post("/fsapi", "section=dialplan&Caller-Destination-Number=100", null));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("match_did_and_prompt_for_pin").doesNotContain("sched_hangup");
  }

  @Test
  void anotherSectionIsNotFound() {
    Answer answer = dialPlan("section=directory&Caller-Destination-Number=100");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo("application/xml; charset=utf-8");
    assertThat(answer.body()).contains("<result status=\"not found\"/>");
  }

  @Test
  void withoutAPinTheCallerIsPrompted() {
    Answer answer = dialPlan("section=dialplan&Caller-Destination-Number=%2B15550100");

    assertThat(answer.body())
        .contains("<extension name=\"match_did_and_prompt_for_pin\">")
        .contains("<action application=\"sched_hangup\" data=\"+3600 normal_clearing\"/>")
        .contains("data=\"5 9 3 7000 # conference/conf-enter_conf_pin.wav conference/conf-bad-pin.wav pin \\d+\"");
  }

  @Test
  void anUnknownPinIsPromptedAgain() {
    Answer answer = dialPlan("section=dialplan&Caller-Destination-Number=100&variable_pin=55555");

    assertThat(answer.body()).contains("<extension name=\"reprompt_for_pin\">").contains("pin \\d+\"/>");
  }

  @Test
  void aKnownPinIsBridgedToTheMeetingsServerWithTheCallerIdMasked() {
    Answer answer = dialPlan("section=dialplan&Caller-Destination-Number=100&variable_pin=123456789"
        + "&Caller-Caller-ID-Name=15551234567&Caller-Privacy-Hide-Name=false");

    assertThat(answer.body())
        .contains("<extension name=\"bridge_to_bbb_server\">")
        .contains("<action application=\"set\" data=\"meeting_id=room-1\"/>")
        .contains("<action application=\"set\" data=\"effective_caller_id_name=1555123XXXX\"/>")
        .contains("<action application=\"bridge\" data=\"sofia/external/123456789@bbb1.example.com\"/>");
  }

  @Test
  void aHiddenNumberIsUnavailable() {
    Answer answer = dialPlan("section=dialplan&Caller-Destination-Number=100&variable_pin=123456789"
        + "&Caller-Caller-ID-Name=15551234567&Caller-Privacy-Hide-Number=true");

    assertThat(answer.body()).contains("effective_caller_id_name=Unavailable\"");
  }

  @Test
  void aBreakoutRoomPinReachesItsMeetingsServerWithItsOwnPin() {
    Answer answer = dialPlan("section=dialplan&Caller-Destination-Number=100&variable_pin=1234567892");

    assertThat(answer.body())
        .contains("meeting_id=room-1\"")
        .contains("data=\"sofia/external/1234567892@bbb1.example.com\"");
  }

  @Test
  void aMeetingWhoseServerIsGoneIsPromptedAgain() {
    stores.servers().remove("bbb1").toCompletableFuture().join();

    Answer answer = dialPlan("section=dialplan&Caller-Destination-Number=100&variable_pin=123456789");

    assertThat(answer.body()).contains("<extension name=\"reprompt_for_pin\">");
  }

  @Test
  void otherRequestsGoOnUntouched() {
    FullHttpRequest api = post("/bigbluebutton/api/create", "", null);
    channel.writeInbound(api);
    FullHttpRequest passed = channel.readInbound();
    assertThat(passed).isSameAs(api);
    passed.release();

    FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/fsapi");
    channel.writeInbound(get);
    FullHttpRequest passedGet = channel.readInbound();
    assertThat(passedGet).as("only POST is the dial plan API; the API handler answers the rest").isSameAs(get);
    passedGet.release();
    assertThat(channel.<Object>readOutbound()).isNull();
  }
}
