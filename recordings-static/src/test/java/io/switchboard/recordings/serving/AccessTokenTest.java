package io.switchboard.recordings.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.switchboard.storage.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
  private static final String KEY = "scalelite-secret-key-base";
  private static final String SUBJECT = "/presentation/abc-1700000000000";
  private static final long NOW = 1_900_000_000L;
  // Written by an independent HS256 implementation (Python's hmac), as Ruby's JWT.encode writes them.
  private static final String SCALELITE_TOKEN = "eyJhbGciOiJIUzI1NiJ9."
      + "eyJzdWIiOiIvcHJlc2VudGF0aW9uL2FiYy0xNzAwMDAwMDAwMDAwIiwiZXhwIjoyMDAwMDAwMDAwfQ."
      + "2c8mS68nlvSnhhllzhB7PzqkPVQ3NfRgibGijeu5rRg";
  private static final String TYPED_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
      + "eyJzdWIiOiIvcHJlc2VudGF0aW9uL2FiYy0xNzAwMDAwMDAwMDAwIiwiZXhwIjoyMDAwMDAwMDAwfQ."
      + "LC014f2eIrzh9_DnSttJhl6nWEWT3nZYlMayxNFzkNc";
  private static final String UNSIGNED_TOKEN = "eyJhbGciOiJub25lIn0."
      + "eyJzdWIiOiIvcHJlc2VudGF0aW9uL2FiYy0xNzAwMDAwMDAwMDAwIiwiZXhwIjoyMDAwMDAwMDAwfQ.";

  private final AccessToken token = new AccessToken(KEY);

  @Test
  void issuesExactlyWhatScaleliteIssues() {
    assertThat(token.issue(SUBJECT, 2_000_000_000L)).isEqualTo(SCALELITE_TOKEN);
  }

  @Test
  void acceptsScaleliteTokensWithOrWithoutTyp() {
    assertThat(token.valid(SCALELITE_TOKEN, SUBJECT, NOW)).isTrue();
    assertThat(token.valid(TYPED_TOKEN, SUBJECT, NOW)).isTrue();
  }

  @Test
  void refusesExpiredTokensFromTheirExpirySecondOn() {
    assertThat(token.valid(SCALELITE_TOKEN, SUBJECT, 1_999_999_999L)).isTrue();
    assertThat(token.valid(SCALELITE_TOKEN, SUBJECT, 2_000_000_000L)).isFalse();
  }

  @Test
  void refusesAnotherSubjectAnotherKeyTamperingAndAlgNone() {
    assertThat(token.valid(SCALELITE_TOKEN, "/presentation/other-1", NOW)).isFalse();
    assertThat(new AccessToken("another key").valid(SCALELITE_TOKEN, SUBJECT, NOW)).isFalse();
    assertThat(token.valid(SCALELITE_TOKEN.replace(".2c8m", ".2c8n"), SUBJECT, NOW)).isFalse();
    assertThat(token.valid(UNSIGNED_TOKEN, SUBJECT, NOW)).isFalse();
  }

  @Test
  void refusesGarbage() {
    for (String garbage : List.of("", ".", "..", "a.b", "a.b.c", "!!!.***.###", SCALELITE_TOKEN + ".x")) {
      assertThat(token.valid(garbage, SUBJECT, NOW)).as(garbage).isFalse();
    }
  }

  @Test
  void escapesTheSubjectAsJson() {
    String odd = "/x/\"quoted\\\n";
    assertThat(token.valid(token.issue(odd, NOW + 1), odd, NOW)).isTrue();
  }

  @Test
  void aBlankKeyStillSignsWithARandomKeyOfThisProcess() {
    AccessToken random = new AccessToken(" ");
    assertThat(random.valid(random.issue(SUBJECT, NOW + 1), SUBJECT, NOW)).isTrue();
    assertThat(new AccessToken(" ").valid(random.issue(SUBJECT, NOW + 1), SUBJECT, NOW)).isFalse();
  }

  @Test
  void theCookieIsPathScopedHttpOnlyAndSecureOnlyOverHttps() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    AccessCookie cookies = new AccessCookie(KEY, Duration.ofMinutes(360), clock);

    String https = cookies.setCookie("presentation", "abc-1", true);
    String http = cookies.setCookie("presentation", "abc-1", false);

    assertThat(https).startsWith("recording_presentation_abc-1=")
        .contains("; Path=/presentation/abc-1", "; Secure", "; SameSite=None")
        .containsIgnoringCase("; HttpOnly")
        .doesNotContain("Expires", "Max-Age");
    assertThat(http).contains("; Path=/presentation/abc-1").containsIgnoringCase("; HttpOnly")
        .doesNotContain("Secure", "SameSite");
    Cookie decoded = ClientCookieDecoder.STRICT.decode(https);
    assertThat(new AccessToken(KEY).valid(decoded.value(), "/presentation/abc-1", NOW + 360 * 60 - 1)).isTrue();
    assertThat(new AccessToken(KEY).valid(decoded.value(), "/presentation/abc-1", NOW + 360 * 60)).isFalse();
  }

  @Test
  void cookiesGrantOnlyTheirFormatAndRecordingUntilTheyExpire() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    AccessCookie cookies = new AccessCookie(KEY, Duration.ofMinutes(10), clock);
    String value = ClientCookieDecoder.STRICT.decode(cookies.setCookie("video", "abc-1", false)).value();
    String header = "other=1; recording_video_abc-1=" + value;

    assertThat(cookies.grants(List.of("x=y", header), "video", "abc-1")).isTrue();
    assertThat(cookies.grants(List.of(header), "presentation", "abc-1")).isFalse();
    assertThat(cookies.grants(List.of(header.replace("abc-1=", "abc-2=")), "video", "abc-2")).isFalse();
    assertThat(cookies.grants(List.of(), "video", "abc-1")).isFalse();
    clock.advance(Duration.ofMinutes(10));
    assertThat(cookies.grants(List.of(header), "video", "abc-1")).isFalse();
  }

  @Test
  void aCookieNamedForOneRecordingButSignedForAnotherIsRefused() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    AccessCookie cookies = new AccessCookie(KEY, Duration.ofMinutes(10), clock);
    String forA = ClientCookieDecoder.STRICT.decode(cookies.setCookie("capture", "a-1", false)).value();
    String header = "recording_capture_b-1=" + forA;

    assertThat(cookies.grants(List.of(header), "capture", "b-1")).isFalse();
  }
}
