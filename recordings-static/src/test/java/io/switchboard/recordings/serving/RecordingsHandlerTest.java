package io.switchboard.recordings.serving;

import static io.switchboard.recordings.serving.Answer.get;
import static io.switchboard.recordings.serving.Answer.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.switchboard.recordings.serving.Answer.Body;
import io.switchboard.storage.recordings.RecordingStore;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(LeakWatch.class)
class RecordingsHandlerTest {
  static final String RID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";
  static final String OTHER = "2222222222222222222222222222222222222222-1700000000001";
  static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final Instant MTIME = Instant.parse("2024-04-01T08:00:00Z");

  @TempDir Path temp;
  PlaybackFixture fixture;
  byte[] webcams;
  EmbeddedChannel channel;

  @BeforeEach
  void recordings() throws IOException {
    fixture = new PlaybackFixture(temp);
    fixture.index(RID, true, false, "presentation", "video", "podcast", "notes");
    webcams = new byte[100 * 1024 + 17];
    new Random(7).nextBytes(webcams);
    Files.setLastModifiedTime(fixture.publish("presentation", RID, "video/webcams.webm", webcams),
        FileTime.from(MTIME));
    fixture.publish("presentation", RID, "shapes.svg", "<svg/>");
    fixture.publish("video", RID, "index.html", "<html>video</html>");
    fixture.publish("video", RID, "video-0.m4v", "m4v-bytes");
    fixture.publish("podcast", RID, "audio.ogg", "ogg-bytes");
    fixture.publish("notes", RID, "notes.pdf", "%PDF-1.4");
    channel = channel(fixture.serving(false, new DirectExecutorService(), false));
  }

  @AfterEach
  void clean() {
    assertThat(channel.finishAndReleaseAll()).as("nothing left unread").isFalse();
  }

  static EmbeddedChannel channel(RecordingsServing serving) {
    return new EmbeddedChannel(new RecordingsHandler(serving));
  }

  Answer send(FullHttpRequest request) {
    return send(channel, request);
  }

  static Answer send(EmbeddedChannel channel, FullHttpRequest request) {
    channel.writeInbound(request);
    assertThat(request.refCnt()).as("the handled request is released").isZero();
    return Answer.read(channel);
  }

  static void assertNotFoundPage(Answer answer) {
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
    assertThat(answer.text()).contains("<title>Recording Not Found</title>", "<h1 style=\"text-align: center;\">"
        + "Recording Not Found</h1>", "The recording URL is invalid. This recording may have been either protected or"
        + " deleted.");
    assertThat(answer.body()).hasSize(Integer.parseInt(answer.header(HttpHeaderNames.CONTENT_LENGTH)));
  }

  @Nested
  class Files_ {
    @Test
    void aWholeFileGoesZeroCopyByteExactWithItsValidators() {
      Answer answer = send(get("/presentation/" + RID + "/video/webcams.webm"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.kind()).isEqualTo(Body.FILE_REGION);
      assertThat(answer.body()).isEqualTo(webcams);
      assertThat(answer.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(String.valueOf(webcams.length));
      assertThat(answer.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("video/webm");
      assertThat(answer.header(HttpHeaderNames.ACCEPT_RANGES)).isEqualTo("bytes");
      assertThat(answer.header(HttpHeaderNames.ETAG))
          .isEqualTo("\"" + Long.toHexString(MTIME.getEpochSecond()) + "-" + Long.toHexString(webcams.length) + "\"");
      assertThat(answer.header(HttpHeaderNames.LAST_MODIFIED)).isEqualTo("Mon, 01 Apr 2024 08:00:00 GMT");
      assertThat(answer.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("public, max-age=3600");
      assertThat(answer.header(HttpHeaderNames.CONTENT_DISPOSITION)).isNull();
      assertThat(channel.config().isAutoRead()).as("reading resumes after the last write").isTrue();
    }

    @ParameterizedTest(name = "{0} → bytes {1}-{2}")
    @CsvSource({
        "bytes=0-99, 0, 99",
        "bytes=50000-50099, 50000, 50099",
        "bytes=-100, 102317, 102416",
        "bytes=102400-, 102400, 102416",
        "bytes=102410-999999, 102410, 102416",
    })
    void aRangeIsSentAsOneSliceWith206(String range, int first, int last) {
      Answer answer = send(get("/presentation/" + RID + "/video/webcams.webm", "Range", range));

      assertThat(answer.status()).isEqualTo(206);
      assertThat(answer.body()).isEqualTo(Arrays.copyOfRange(webcams, first, last + 1));
      assertThat(answer.header(HttpHeaderNames.CONTENT_RANGE))
          .isEqualTo("bytes " + first + "-" + last + "/" + webcams.length);
      assertThat(answer.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(String.valueOf(last - first + 1));
    }

    @Test
    void aRangePastTheEndIs416WithTheLength() {
      Answer answer = send(get("/presentation/" + RID + "/video/webcams.webm", "Range", "bytes=999999-"));

      assertThat(answer.status()).isEqualTo(416);
      assertThat(answer.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes */" + webcams.length);
      assertThat(answer.body()).isEmpty();
      assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void severalRangesGetTheWholeFile() {
      Answer answer = send(get("/presentation/" + RID + "/video/webcams.webm", "Range", "bytes=0-1,5-6"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(webcams);
    }

    @Test
    void headSendsTheHeadersOnly() {
      Answer answer = send(request(HttpMethod.HEAD, "/presentation/" + RID + "/video/webcams.webm"));
      Answer ranged = send(request(HttpMethod.HEAD, "/presentation/" + RID + "/video/webcams.webm",
          "Range", "bytes=10-19"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.kind()).isEqualTo(Body.FULL);
      assertThat(answer.body()).isEmpty();
      assertThat(answer.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(String.valueOf(webcams.length));
      assertThat(answer.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("video/webm");
      assertThat(answer.header(HttpHeaderNames.ETAG)).as("the GET's validator")
          .isNotNull().isEqualTo(send(get("/presentation/" + RID + "/video/webcams.webm")).header(HttpHeaderNames.ETAG));
      assertThat(ranged.status()).isEqualTo(206);
      assertThat(ranged.body()).isEmpty();
      assertThat(ranged.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes 10-19/" + webcams.length);
    }

    @Test
    void validatorsOfTheCurrentFileGive304EitherWay() {
      Answer first = send(get("/presentation/" + RID + "/video/webcams.webm"));
      String etag = first.header(HttpHeaderNames.ETAG);
      String lastModified = first.header(HttpHeaderNames.LAST_MODIFIED);

      Answer byEtag = send(get("/presentation/" + RID + "/video/webcams.webm", "If-None-Match", etag));
      Answer byDate = send(get("/presentation/" + RID + "/video/webcams.webm", "If-Modified-Since", lastModified));
      Answer etagWins = send(get("/presentation/" + RID + "/video/webcams.webm",
          "If-None-Match", "\"stale\"", "If-Modified-Since", lastModified));

      assertThat(byEtag.status()).isEqualTo(304);
      assertThat(byEtag.body()).isEmpty();
      assertThat(byEtag.header(HttpHeaderNames.ETAG)).isEqualTo(etag);
      assertThat(byDate.status()).isEqualTo(304);
      assertThat(etagWins.status()).as("If-None-Match takes precedence").isEqualTo(200);
      assertThat(etagWins.body()).isEqualTo(webcams);
    }

    @Test
    void aChangedFileIsSentAgain() throws IOException {
      String etag = send(get("/presentation/" + RID + "/video/webcams.webm")).header(HttpHeaderNames.ETAG);
      Files.setLastModifiedTime(fixture.published.resolve("presentation/" + RID + "/video/webcams.webm"),
          FileTime.from(MTIME.plusSeconds(60)));

      Answer answer = send(get("/presentation/" + RID + "/video/webcams.webm", "If-None-Match", etag,
          "If-Modified-Since", "Mon, 01 Apr 2024 08:00:30 GMT"));

      assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void ifRangeHonoursTheRangeOnlyWhileTheFileIsUnchanged() {
      String etag = send(request(HttpMethod.HEAD, "/presentation/" + RID + "/video/webcams.webm"))
          .header(HttpHeaderNames.ETAG);

      Answer current = send(get("/presentation/" + RID + "/video/webcams.webm", "Range", "bytes=0-9",
          "If-Range", etag));
      Answer byDate = send(get("/presentation/" + RID + "/video/webcams.webm", "Range", "bytes=0-9",
          "If-Range", "Mon, 01 Apr 2024 08:00:00 GMT"));
      Answer stale = send(get("/presentation/" + RID + "/video/webcams.webm", "Range", "bytes=0-9",
          "If-Range", "\"0-0\""));

      assertThat(current.status()).isEqualTo(206);
      assertThat(current.body()).isEqualTo(Arrays.copyOf(webcams, 10));
      assertThat(byDate.status()).isEqualTo(206);
      assertThat(stale.status()).isEqualTo(200);
      assertThat(stale.body()).isEqualTo(webcams);
    }

    @ParameterizedTest(name = "{0} → {1}, attachment {2}")
    @CsvSource(delimiter = '|', textBlock = """
        /presentation/RID/shapes.svg     | image/svg+xml            | false
        /video/RID/video-0.m4v           | video/mp4                | false
        /podcast/RID/audio.ogg           | audio/ogg                | true
        /notes/RID/notes.pdf             | application/pdf          | true
        """)
    void typesAndDispositionFollowTheFileAndTheFormat(String target, String type, boolean attachment) {
      Answer answer = send(get(target.replace("RID", RID)));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(type);
      assertThat(answer.header(HttpHeaderNames.CONTENT_DISPOSITION)).isEqualTo(attachment ? "attachment" : null);
    }

    @Test
    void aDirectoryIsItsIndexAndNeedsItsTrailingSlash() {
      Answer index = send(get("/video/" + RID + "/"));
      Answer bare = send(get("/video/" + RID + "?t=1"));

      assertThat(index.status()).isEqualTo(200);
      assertThat(index.text()).isEqualTo("<html>video</html>");
      assertThat(index.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
      assertThat(index.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
      assertThat(bare.status()).isEqualTo(301);
      assertThat(bare.header(HttpHeaderNames.LOCATION)).isEqualTo("/video/" + RID + "/?t=1");
    }

    @Test
    void anEmptyFileIsAnEmpty200() throws IOException {
      fixture.publish("presentation", RID, "empty.xml", new byte[0]);

      Answer answer = send(get("/presentation/" + RID + "/empty.xml"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("0");
      assertThat(answer.body()).isEmpty();
    }

    @Test
    void keepAliveFollowsTheRequest() {
      FullHttpRequest http10 = get("/presentation/" + RID + "/shapes.svg", "Connection", "keep-alive");
      http10.setProtocolVersion(HttpVersion.HTTP_1_0);

      Answer kept = send(http10);
      Answer closing = send(get("/presentation/" + RID + "/shapes.svg", "Connection", "close"));

      assertThat(kept.header(HttpHeaderNames.CONNECTION)).isEqualToIgnoringCase("keep-alive");
      assertThat(closing.header(HttpHeaderNames.CONNECTION)).isEqualToIgnoringCase("close");
    }
  }

  @Nested
  class Refusals {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/presentation/RID/../../../secret.txt",
        "/presentation/RID/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/presentation/RID/%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/presentation/RID/..%2F..%2F..%2Fsecret.txt",
        "/presentation/RID/..%5C..%5C..%5Csecret.txt",
        "/presentation/RID/..\\..\\..\\secret.txt",
        "/presentation/RID/shapes.svg%00",
        "/presentation/RID/%00/../../../secret.txt",
        "/presentation/RID/%2FSECRET",
        "/presentation/RID//SECRET",
        "/presentation/RID/leak.txt",
        "/presentation/RID/up/secret.txt",
        "/presentation/RID/missing.svg",
        "/presentation/RID/video",
        "/presentation/../secret.txt",
    })
    void traversalSmugglingAndSymlinksOutAreNotFound(String target) throws IOException {
      Path recording = fixture.published.resolve("presentation").resolve(RID);
      Files.createSymbolicLink(recording.resolve("leak.txt"), fixture.secret);
      Files.createSymbolicLink(recording.resolve("up"), temp);
      String absolute = fixture.secret.toString();

      Answer answer = send(get(target.replace("RID", RID)
          .replace("SECRET", absolute.substring(1).replace("/", "%2F"))));

      if (target.endsWith("/video")) {
        // A directory without its slash is redirected before its (missing) index is looked for.
        assertThat(answer.status()).isEqualTo(301);
        return;
      }
      assertNotFoundPage(answer);
      assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1))
          .doesNotContain(new String(PlaybackFixture.SECRET, StandardCharsets.ISO_8859_1));
    }

    @Test
    void anUnpublishedRecordingIsNotFoundEvenWithFilesInThePublishedTree() {
      fixture.index(OTHER, false, false, "presentation");
      fixture.publish("presentation", OTHER, "shapes.svg", "<svg/>");

      assertNotFoundPage(send(get("/presentation/" + OTHER + "/shapes.svg")));
      assertNotFoundPage(send(get("/recording/" + OTHER + "/presentation")));
    }

    @Test
    void unknownRecordingsAndFormatsTheRecordingLacksAreNotFound() {
      fixture.publish("capture", RID, "capture.js", "js");

      assertNotFoundPage(send(get("/presentation/" + OTHER + "/shapes.svg")));
      assertNotFoundPage(send(get("/capture/" + RID + "/capture.js")));
      assertNotFoundPage(send(get("/recording/" + RID + "/capture")));
      assertNotFoundPage(send(get("/recording/invalid_recording_id/invalid_format")));
    }

    @Test
    void headOfAMissingFileIsA404WithoutBody() {
      Answer answer = send(request(HttpMethod.HEAD, "/presentation/" + RID + "/missing.svg"));

      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.body()).isEmpty();
      assertThat(answer.header(HttpHeaderNames.CONTENT_LENGTH)).isNotEqualTo("0");
    }
  }

  @Nested
  class ProtectedRecordings {
    @BeforeEach
    void protectedRecording() {
      channel.finishAndReleaseAll();
      channel = channel(fixture.serving(true, new DirectExecutorService(), false));
      fixture.index(OTHER, true, true, "presentation", "capture");
      fixture.publish("presentation", OTHER, "shapes.svg", "<svg>protected</svg>");
      fixture.publish("capture", OTHER, "slides.svg", "<svg>capture</svg>");
    }

    @Test
    void aTokenBuysACookieThatOpensTheFormatUntilItExpires() {
      fixture.token(TOKEN, OTHER, "presentation");
      String file = "/presentation/" + OTHER + "/shapes.svg";

      assertNotFoundPage(send(get(file)));
      Answer play = send(get("/recording/" + OTHER + "/presentation?token=" + TOKEN));
      assertThat(play.status()).isEqualTo(307);
      assertThat(play.header(HttpHeaderNames.LOCATION)).isEqualTo("/playback/presentation/2.3/" + OTHER);
      String setCookie = play.header(HttpHeaderNames.SET_COOKIE);
      assertThat(setCookie).startsWith("recording_presentation_" + OTHER + "=")
          .contains("Path=/presentation/" + OTHER).doesNotContain("Secure");
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));

      Answer withCookie = send(get(file, "Cookie", "a=b; " + cookie));
      assertThat(withCookie.status()).isEqualTo(200);
      assertThat(withCookie.text()).isEqualTo("<svg>protected</svg>");
      assertThat(withCookie.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("private, max-age=3600");
      assertNotFoundPage(send(get(file)));
      assertNotFoundPage(send(get("/recording/" + OTHER + "/presentation?token=" + TOKEN)));

      fixture.clock.advance(PlaybackFixture.COOKIE_TIMEOUT);
      assertNotFoundPage(send(get(file, "Cookie", cookie)));
    }

    @Test
    void theCookieIsSecureBehindAnHttpsProxy() {
      fixture.token(TOKEN, OTHER, "presentation");

      Answer play = send(get("/recording/" + OTHER + "/presentation?token=" + TOKEN, "X-Forwarded-Proto", "https"));

      assertThat(play.header(HttpHeaderNames.SET_COOKIE)).contains("; Secure", "; SameSite=None");
    }

    @Test
    void aCookieForAnotherFormatOrRecordingOpensNothing() {
      fixture.token(TOKEN, OTHER, "presentation");
      String setCookie = send(get("/recording/" + OTHER + "/presentation?token=" + TOKEN))
          .header(HttpHeaderNames.SET_COOKIE);
      String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));

      assertNotFoundPage(send(get("/capture/" + OTHER + "/slides.svg",
          "Cookie", "recording_capture_" + OTHER + "=" + value)));
    }

    @ParameterizedTest(name = "token {0}")
    @ValueSource(strings = {"", "abc", "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"})
    void malformedTokensAreNotFoundAndSpendNothing(String token) {
      fixture.token(TOKEN, OTHER, "presentation");

      assertNotFoundPage(send(get("/recording/" + OTHER + "/presentation?token=" + token)));
      assertNotFoundPage(send(get("/recording/" + OTHER + "/presentation")));
      assertThat(send(get("/recording/" + OTHER + "/presentation?token=" + TOKEN)).status()).isEqualTo(307);
    }

    @Test
    void aTokenForAnotherFormatIsSpentWithoutACookie() {
      fixture.token(TOKEN, OTHER, "capture");

      assertNotFoundPage(send(get("/recording/" + OTHER + "/presentation?token=" + TOKEN)));
      assertNotFoundPage(send(get("/recording/" + OTHER + "/capture?token=" + TOKEN)));
    }

    @Test
    void unprotectedRecordingsRedirectWithoutToken() {
      Answer play = send(get("/recording/" + RID + "/video"));

      assertThat(play.status()).isEqualTo(307);
      assertThat(play.header(HttpHeaderNames.LOCATION)).isEqualTo("/video/" + RID + "/");
      assertThat(play.header(HttpHeaderNames.SET_COOKIE)).isNull();
    }

    @Test
    void withProtectionOffAProtectedRecordingIsServedWithoutCookie() {
      EmbeddedChannel open = channel(fixture.serving(false, new DirectExecutorService(), false));

      Answer answer = send(open, get("/capture/" + OTHER + "/slides.svg"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(open.finishAndReleaseAll()).isFalse();
    }
  }

  @Nested
  class Player {
    @BeforeEach
    void playerApp() {
      fixture.playerFile("presentation/2.3/index.html", "<html>player</html>");
      fixture.playerFile("presentation/2.3/static/js/main.js", "console.log(1)");
    }

    @Test
    void playerFilesAreServedAndUnknownPathsFallBackToTheApp() {
      Answer script = send(get("/playback/presentation/2.3/static/js/main.js"));
      Answer route = send(get("/playback/presentation/2.3/" + RID + "?t=12"));
      Answer deep = send(get("/playback/presentation/2.3/" + RID + "/x/y"));

      assertThat(script.status()).isEqualTo(200);
      assertThat(script.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/javascript");
      assertThat(script.text()).isEqualTo("console.log(1)");
      assertThat(route.status()).isEqualTo(200);
      assertThat(route.text()).isEqualTo("<html>player</html>");
      assertThat(route.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
      assertThat(deep.text()).isEqualTo("<html>player</html>");
    }

    @Test
    void thePlayerDirectoryItselfNeedsItsSlash() {
      Answer answer = send(get("/playback/presentation/2.3"));

      assertThat(answer.status()).isEqualTo(301);
      assertThat(answer.header(HttpHeaderNames.LOCATION)).isEqualTo("/playback/presentation/2.3/");
      assertThat(send(get("/playback/presentation/2.3/")).text()).isEqualTo("<html>player</html>");
    }

    @Test
    void otherPlayersHaveNoFallbackAndNothingEscapesThePlayerDirectory() {
      assertNotFoundPage(send(get("/playback/notes/missing.html")));
      assertNotFoundPage(send(get("/playback/../secret.txt")));
      assertNotFoundPage(send(get("/playback/%2e%2e/secret.txt")));
    }

    @Test
    void withoutPlayerDirectoryPlayerPathsAreNotFound() {
      RecordingsServing serving = new RecordingsServing(fixture.config(true, false, false),
          fixture.stores.recordings(), fixture.stores.recordingTokens(), new DirectExecutorService(), false,
          fixture.clock);
      EmbeddedChannel noPlayer = channel(serving);

      assertNotFoundPage(send(noPlayer, get("/playback/presentation/2.3/" + RID)));
      assertThat(send(noPlayer, get("/playback/video/" + RID + "/")).status()).isEqualTo(307);
      assertThat(noPlayer.finishAndReleaseAll()).isFalse();
    }

    @Test
    void nginxRewritesAreRedirects() {
      Answer video = send(get("/playback/video/" + RID + "/"));
      Answer screenshare = send(get("/recording/screenshare/" + RID + "/"));
      Answer legacy = send(get("/playback/presentation/2.0/playback.html?meetingId=" + RID + "&t=1"));

      assertThat(video.status()).isEqualTo(307);
      assertThat(video.header(HttpHeaderNames.LOCATION)).isEqualTo("/video/" + RID + "/");
      assertThat(screenshare.status()).isEqualTo(307);
      assertThat(screenshare.header(HttpHeaderNames.LOCATION)).isEqualTo("/screenshare/" + RID + "/");
      assertThat(legacy.status()).isEqualTo(301);
      assertThat(legacy.header(HttpHeaderNames.LOCATION))
          .isEqualTo("/playback/presentation/2.3/" + RID + "?meetingId=" + RID + "&t=1");
      assertThat(channel.config().isAutoRead()).isTrue();
    }
  }

  @Nested
  class Pipeline {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /bigbluebutton/api/getMeetings?checksum=x",
        "GET, /health_check",
        "POST, /presentation/" + RID + "/shapes.svg",
        "HEAD, /recording/" + RID + "/presentation",
    })
    void otherRequestsArePassedOnUntouched(String method, String target) {
      FullHttpRequest request = request(HttpMethod.valueOf(method), target);

      channel.writeInbound(request);

      Object passed = channel.readInbound();
      assertThat(passed).isSameAs(request);
      assertThat(request.refCnt()).isEqualTo(1);
      assertThat(channel.outboundMessages()).isEmpty();
      assertThat(channel.config().isAutoRead()).isTrue();
      request.release();
    }

    @Test
    void withRecordingsDisabledEverythingIsPassedOn() {
      RecordingsServing disabled = new RecordingsServing(fixture.config(false, false, true),
          fixture.stores.recordings(), fixture.stores.recordingTokens(), new DirectExecutorService(), false,
          fixture.clock);
      EmbeddedChannel off = channel(disabled);
      FullHttpRequest request = get("/presentation/" + RID + "/shapes.svg");

      off.writeInbound(request);

      assertThat(disabled.handles("/presentation/" + RID + "/shapes.svg")).isFalse();
      Object passed = off.readInbound();
      assertThat(passed).isSameAs(request);
      request.release();
      assertThat(off.finishAndReleaseAll()).isFalse();
    }

    @Test
    void readingStopsWhileTheFileIsLookedUpAndResumesAfterTheAnswer() {
      ManualExecutor blocking = new ManualExecutor();
      channel.finishAndReleaseAll();
      channel = channel(fixture.serving(false, blocking, false));

      channel.writeInbound(get("/presentation/" + RID + "/shapes.svg"));
      assertThat(channel.config().isAutoRead()).isFalse();
      assertThat(channel.outboundMessages()).isEmpty();
      blocking.runAll();

      assertThat(Answer.read(channel).status()).isEqualTo(200);
      assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void autoReadThatWasOffIsLeftOff() {
      channel.config().setAutoRead(false);

      assertThat(send(get("/presentation/" + RID + "/shapes.svg")).status()).isEqualTo(200);
      assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void aFileOpenedForAConnectionThatClosedMeanwhileIsClosed() throws IOException {
      ManualExecutor blocking = new ManualExecutor();
      channel.finishAndReleaseAll();
      channel = channel(fixture.serving(false, blocking, false));
      long before = openFiles();

      channel.writeInbound(get("/presentation/" + RID + "/video/webcams.webm"));
      channel.close();
      blocking.runAll();

      assertThat(channel.outboundMessages()).isEmpty();
      assertThat(openFiles()).isEqualTo(before);
    }

    @Test
    void aFullBlockingExecutorAnswers503() {
      ExecutorService full = Executors.newSingleThreadExecutor();
      full.shutdown();
      channel.finishAndReleaseAll();
      channel = channel(fixture.serving(false, full, false));

      Answer answer = send(get("/presentation/" + RID + "/shapes.svg"));

      assertThat(answer.status()).isEqualTo(503);
      assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aFailingStoreAnswers500() {
      RecordingStore failing = (RecordingStore) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {RecordingStore.class},
          (proxy, method, args) -> CompletableFuture.failedFuture(new IllegalStateException("store down")));
      channel.finishAndReleaseAll();
      channel = channel(new RecordingsServing(fixture.config(true, false, true), failing,
          fixture.stores.recordingTokens(), new DirectExecutorService(), false, fixture.clock));

      assertThat(send(get("/presentation/" + RID + "/shapes.svg")).status()).isEqualTo(500);
      assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void overTlsTheBodyIsChunkedByteExact() {
      channel.finishAndReleaseAll();
      channel = new EmbeddedChannel(new ChunkedWriteHandler(),
          new RecordingsHandler(fixture.serving(false, new DirectExecutorService(), true)));

      Answer whole = send(get("/presentation/" + RID + "/video/webcams.webm"));
      Answer slice = send(get("/presentation/" + RID + "/video/webcams.webm", "Range", "bytes=70000-"));

      assertThat(whole.kind()).isEqualTo(Body.CHUNKS);
      assertThat(whole.body()).isEqualTo(webcams);
      assertThat(slice.status()).isEqualTo(206);
      assertThat(slice.body()).isEqualTo(Arrays.copyOfRange(webcams, 70000, webcams.length));
      assertThat(channel.config().isAutoRead()).isTrue();
    }

    private long openFiles() throws IOException {
      try (var fds = Files.list(Path.of("/proc/self/fd"))) {
        return fds.count();
      }
    }
  }
}
