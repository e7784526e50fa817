package io.switchboard.proxy.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.proxy.testing.RecordingTarballs;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.routing.jwt.HmacJwt;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A recording's whole life through Switchboard, as a front-end and a BBB server's post-publish script see it: the
 * meeting is created with a recording-ready URL, the BBB server drops its tarball into the spool, the front-end is told,
 * lists it, plays its files from Switchboard, unpublishes and deletes it — with the index in memory
 * ({@link RecordingsEndToEndEmbeddedTest}) or in PostgreSQL, the tokens and leases in Redis
 * ({@link RecordingsEndToEndSharedTest}).
 */
abstract class RecordingsEndToEndTest {
  private static final String RECORD_ID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";

  private final List<String> callbacks = new CopyOnWriteArrayList<>();
  private HttpServer frontEnd;
  private SwitchboardFixture switchboard;

  /** The stores the Switchboard under test keeps its state in. */
  abstract StoreKind kind();

  @BeforeEach
  void start() throws IOException {
    frontEnd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    frontEnd.createContext("/recording_ready", exchange -> {
      callbacks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    frontEnd.start();
    switchboard = SwitchboardFixture.start(kind(), 1);
  }

  @AfterEach
  void stop() {
    if (switchboard != null) {
      switchboard.close();
    }
    frontEnd.stop(0);
  }

  @Test
  void importedRecordingIsAnnouncedListedServedUnpublishedAndDeleted() throws Exception {
    String readyUrl = "http://127.0.0.1:" + frontEnd.getAddress().getPort() + "/recording_ready";
    switchboard.get("create", "meetingID=lecture-1&name=Lecture+One&record=true&meta_bbb-recording-ready-url="
        + URLEncoder.encode(readyUrl, StandardCharsets.UTF_8));
    assertThat(switchboard.bbb(0).meeting("lecture-1").orElseThrow().createParams())
        .as("the BBB server must not call the front-end before Switchboard has imported the recording")
        .doesNotContainKey("meta_bbb-recording-ready-url");

    RecordingTarballs.write(switchboard.recordingsRoot().resolve("spool"), RECORD_ID, "lecture-1");
    String listing = awaitListed();

    assertThat(listing).contains("<recordID>" + RECORD_ID + "</recordID><meetingID>lecture-1</meetingID>")
        .contains("<url>http://127.0.0.1:" + switchboard.port() + "/playback/presentation/2.3/" + RECORD_ID + "</url>");
    awaitCallback();
    String token = URLDecoder.decode(callbacks.get(0).substring("signed_parameters=".length()), StandardCharsets.UTF_8);
    assertThat(HmacJwt.of(HmacJwt.Algorithm.HS256, SwitchboardFixture.SECRET).verifiedClaims(token))
        .contains("{\"meeting_id\":\"lecture-1\",\"record_id\":\"" + RECORD_ID + "\"}");

    HttpResponse<byte[]> file = fetch("/presentation/" + RECORD_ID + "/shapes.svg");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(RecordingTarballs.SHAPES);
    assertThat(file.headers().firstValue("content-type")).contains("image/svg+xml");

    assertThat(switchboard.get("publishRecordings", "recordID=" + RECORD_ID + "&publish=false").body())
        .contains("<returncode>SUCCESS</returncode><published>false</published>");
    assertThat(fetch("/presentation/" + RECORD_ID + "/shapes.svg").statusCode())
        .as("unpublished recordings are never served").isEqualTo(404);
    assertThat(Files.exists(switchboard.recordingsRoot().resolve("unpublished/presentation/" + RECORD_ID)))
        .isTrue();

    assertThat(switchboard.get("deleteRecordings", "recordID=" + RECORD_ID).body())
        .contains("<deleted>true</deleted>");
    assertThat(switchboard.get("getRecordings", "meetingID=lecture-1").body())
        .contains("<messageKey>noRecordings</messageKey>");
    assertThat(Files.exists(switchboard.recordingsRoot().resolve("unpublished/presentation/" + RECORD_ID)))
        .isFalse();
  }

  @Test
  void reimportWhileAFileIsBeingDownloadedLeavesTheDownloadWhole() throws Exception {
    byte[] first = randomBytes(32 << 20, 1);
    byte[] second = randomBytes(32 << 20, 2);
    Path spool = switchboard.recordingsRoot().resolve("spool");
    RecordingTarballs.write(spool, RECORD_ID, "lecture-1", Map.of("video/webcams.webm", first));
    awaitListed();

    HttpResponse<InputStream> download = switchboard.http().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + switchboard.port() + "/presentation/" + RECORD_ID
            + "/video/webcams.webm")).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = download.body()) {
      byte[] start = body.readNBytes(64 * 1024);

      RecordingTarballs.write(spool, RECORD_ID, "lecture-1", Map.of("video/webcams.webm", second));
      awaitSpoolEmpty(spool);
      HttpResponse<byte[]> fresh = fetch("/presentation/" + RECORD_ID + "/video/webcams.webm");
      assertThat(fresh.body()).as("a new request gets the re-imported file").isEqualTo(second);

      byte[] rest = body.readAllBytes();
      byte[] whole = new byte[start.length + rest.length];
      System.arraycopy(start, 0, whole, 0, start.length);
      System.arraycopy(rest, 0, whole, start.length, rest.length);
      assertThat(whole).as("the download that started before the re-import finishes with the first file, whole")
          .isEqualTo(first);
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void awaitSpoolEmpty(Path spool) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      try (var files = Files.list(spool)) {
        if (files.noneMatch(file -> file.getFileName().toString().endsWith(".tar"))) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the second tarball was not imported within 20 s");
  }

  private String awaitListed() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      String body = switchboard.get("getRecordings", "meetingID=lecture-1").body();
      if (body.contains(RECORD_ID)) {
        return body;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the tarball was not imported within 20 s");
  }

  private void awaitCallback() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (callbacks.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(callbacks).as("the front-end hears the recording is ready").hasSize(1);
  }

  private HttpResponse<byte[]> fetch(String path) {
    try {
      return switchboard.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + switchboard.port() + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
