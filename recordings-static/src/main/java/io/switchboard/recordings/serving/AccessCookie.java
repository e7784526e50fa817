package io.switchboard.recordings.serving;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The access cookie of a protected recording's format (spec §9.10): named {@code recording_<format>_<rid>}, holding
 * an {@link AccessToken} for {@code /<format>/<rid>} that expires after PROTECTED_RECORDINGS_TIMEOUT, scoped with
 * {@code Path=/<format>/<rid>} and {@code HttpOnly}, and no {@code Expires} (a session cookie, as Scalelite sets it).
 *
 * <p>{@code Secure; SameSite=None} are set only when the request reached the client over HTTPS (TLS here, or
 * {@code X-Forwarded-Proto: https} from a front proxy): browsers drop a {@code Secure} cookie set over plain http,
 * and Chrome drops {@code SameSite=None} without {@code Secure}. Over plain http the cookie is therefore sent without
 * {@code SameSite}, which browsers treat as {@code Lax} — enough for the player, whose media requests are same-site.
 */
final class AccessCookie {
  private final AccessToken token;
  private final Duration lifetime;
  private final Clock clock;

  AccessCookie(String signingKey, Duration lifetime, Clock clock) {
    this.token = new AccessToken(signingKey);
    this.lifetime = lifetime;
    this.clock = clock;
  }

  static String name(String format, String recordId) {
    return "recording_" + format + '_' + recordId;
  }

  static String path(String format, String recordId) {
    return '/' + format + '/' + recordId;
  }

  /** The {@code Set-Cookie} value granting access to {@code /<format>/<rid>} from now on. */
  String setCookie(String format, String recordId, boolean secure) {
    long expires = clock.instant().plus(lifetime).getEpochSecond();
    DefaultCookie cookie = new DefaultCookie(name(format, recordId), token.issue(path(format, recordId), expires));
    cookie.setPath(path(format, recordId));
    cookie.setHttpOnly(true);
    if (secure) {
      cookie.setSecure(true);
      cookie.setSameSite(SameSite.None);
    }
    return ServerCookieEncoder.STRICT.encode(cookie);
  }

  /** Whether any of the {@code Cookie} request headers carries a valid access cookie for {@code /<format>/<rid>}. */
  boolean grants(List<String> cookieHeaders, String format, String recordId) {
    String name = name(format, recordId);
    String subject = path(format, recordId);
    long now = clock.instant().getEpochSecond();
    for (String header : cookieHeaders) {
      // LAX: keep cookies other sites' scripts wrote with odd characters from hiding ours.
      for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
        if (cookie.name().equals(name) && token.valid(cookie.value(), subject, now)) {
          return true;
        }
      }
    }
    return false;
  }
}
