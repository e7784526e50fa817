package io.switchboard.recordings.serving;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.routing.params.Params;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request's method and target into a {@link Route}, or null for a request that is not playback's business
 * (it goes on to the API). Pure. Precedence follows Scalelite's NGINX (spec §9.12): the rewrites of
 * {@code /playback/video/…}, {@code /recording/screenshare/…} and the legacy {@code playback.html} links come first,
 * then {@code /playback/…} (the player apps), {@code /recording/<rid>/<format>} and {@code /<format>/<rid>/…} for the
 * configured formats. Methods outside a route's own (GET and HEAD for files, GET for links, which consume one-time
 * tokens) are left to the API, which answers them as Scalelite's catch-all does.
 */
final class Router {
  private static final String PLAYBACK = "/playback/";
  private static final String RECORDING = "/recording/";
  private static final String VIDEO_REWRITE = "/playback/video/";
  private static final String SCREENSHARE_REWRITE = "/recording/screenshare/";
  private static final String LEGACY_PLAYER = "/playback/presentation/playback.html";
  private static final String PLAYER_20 = "/playback/presentation/2.0/playback.html";
  // BBB record ids are <sha1>-<millis>; anything else (dots, escapes, quotes) names no recording and would not be a
  // valid cookie name either.
  private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern FORMAT = Pattern.compile("[a-z0-9_-]+");

  private final Set<String> formats;

  Router(List<String> playbackFormats) {
    this.formats = Set.copyOf(playbackFormats);
  }

  /** Whether requests for {@code path} (no query) belong to playback, whatever their method. */
  boolean claims(String path) {
    if (path.startsWith(PLAYBACK) || path.startsWith(RECORDING)) {
      return true;
    }
    int slash = path.indexOf('/', 1);
    return path.startsWith("/") && slash > 1 && formats.contains(path.substring(1, slash));
  }

  @Nullable Route route(HttpMethod method, String requestTarget) {
    int question = requestTarget.indexOf('?');
    String path = question < 0 ? requestTarget : requestTarget.substring(0, question);
    String query = question < 0 ? "" : requestTarget.substring(question + 1);
    if (!claims(path)) {
      return null;
    }
    @Nullable Route rewrite = rewrite(path, query);
    if (rewrite != null) {
      return rewrite;
    }
    boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    if (path.startsWith(PLAYBACK)) {
      return read ? new Route.Player(path.substring(PLAYBACK.length())) : null;
    }
    if (path.startsWith(RECORDING)) {
      return HttpMethod.GET.equals(method) ? play(path.substring(RECORDING.length()), query) : null;
    }
    return read ? resource(path.substring(1)) : null;
  }

  private static @Nullable Route rewrite(String path, String query) {
    if (path.startsWith(VIDEO_REWRITE)) {
      return new Route.Redirect(HttpResponseStatus.TEMPORARY_REDIRECT,
          "/video/" + path.substring(VIDEO_REWRITE.length()));
    }
    if (path.startsWith(SCREENSHARE_REWRITE)) {
      return new Route.Redirect(HttpResponseStatus.TEMPORARY_REDIRECT,
          "/screenshare/" + path.substring(SCREENSHARE_REWRITE.length()));
    }
    if (path.equals(LEGACY_PLAYER)) {
      return new Route.Redirect(HttpResponseStatus.MOVED_PERMANENTLY,
          "/playback/presentation/0.81/playback.html" + withQuery(query));
    }
    if (path.equals(PLAYER_20)) {
      return new Route.Redirect(HttpResponseStatus.MOVED_PERMANENTLY,
          "/playback/presentation/2.3/" + rawArgument(query, "meetingId") + withQuery(query));
    }
    return null;
  }

  /** {@code <rid>/<format>[/]}; another shape is no play route (the API's catch-all answers it, as in Scalelite). */
  private static @Nullable Route play(String rest, String query) {
    String trimmed = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    int slash = trimmed.indexOf('/');
    if (slash <= 0 || slash == trimmed.length() - 1 || trimmed.indexOf('/', slash + 1) >= 0) {
      return null;
    }
    String recordId = trimmed.substring(0, slash);
    String format = trimmed.substring(slash + 1);
    if (!RECORD_ID.matcher(recordId).matches() || !FORMAT.matcher(format).matches()) {
      return new Route.NotFound();
    }
    return new Route.Play(recordId, format, Params.parse(query).get("token"));
  }

  /** {@code <format>/<rid>[/<path…>]}; without a record id there is no resource route. */
  private static @Nullable Route resource(String relativePath) {
    int formatEnd = relativePath.indexOf('/');
    int idEnd = relativePath.indexOf('/', formatEnd + 1);
    String recordId = idEnd < 0 ? relativePath.substring(formatEnd + 1) : relativePath.substring(formatEnd + 1, idEnd);
    if (recordId.isEmpty()) {
      return null;
    }
    if (!RECORD_ID.matcher(recordId).matches()) {
      return new Route.NotFound();
    }
    return new Route.Resource(relativePath.substring(0, formatEnd), recordId, relativePath);
  }

  /** NGINX's {@code $arg_<name>}: the first value of the argument, name matched case-insensitively, not decoded. */
  private static String rawArgument(String query, String name) {
    for (String pair : query.split("&", -1)) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (key.equalsIgnoreCase(name)) {
        return equals < 0 ? "" : pair.substring(equals + 1);
      }
    }
    return "";
  }

  private static String withQuery(String query) {
    return query.isEmpty() ? "" : "?" + query;
  }
}
