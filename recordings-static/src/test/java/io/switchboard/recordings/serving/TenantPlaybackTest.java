package io.switchboard.recordings.serving;

import static io.switchboard.recordings.serving.Answer.get;
import static io.switchboard.recordings.serving.RecordingsHandlerTest.assertNotFoundPage;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.conf.TenantsConfig;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.tenants.TenantLookup;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.recordings.Recording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Playback with multitenancy (spec §3.4, §9.10): tenant a keeps its recordings in a directory of its own, tenant b in
 * the global trees; a recording is served only on its tenant's host, from its tenant's trees.
 */
@ExtendWith(LeakWatch.class)
class TenantPlaybackTest {
  static final String A1 = "aaaa000000000000000000000000000000000001-1700000000000";
  static final String B1 = "bbbb000000000000000000000000000000000001-1700000000000";
  static final Tenant A = new Tenant("id-a", "a", List.of("sa"), Map.of(), TenantLimits.UNLIMITED);
  static final Tenant B = new Tenant("id-b", "b", List.of("sb"), Map.of(), TenantLimits.UNLIMITED);

  @TempDir Path temp;
  PlaybackFixture fixture;
  Path tenantTree;
  EmbeddedChannel channel;

  @BeforeEach
  void recordings() {
    fixture = new PlaybackFixture(temp);
    fixture.stores.tenants().save(A).toCompletableFuture().join();
    fixture.stores.tenants().save(B).toCompletableFuture().join();
    tenantTree = temp.resolve("tenant-a").resolve("published");
    index(A1, A);
    index(B1, B);
    PlaybackFixture.write(tenantTree.resolve("presentation").resolve(A1).resolve("shapes.svg"),
        "<svg>a</svg>".getBytes(StandardCharsets.UTF_8));
    fixture.publish("presentation", B1, "shapes.svg", "<svg>b</svg>");
    fixture.playerFile("presentation/2.3/index.html", "<html>player</html>");
    channel = channel(true);
  }

  @AfterEach
  void clean() {
    assertThat(channel.finishAndReleaseAll()).as("nothing left unread").isFalse();
  }

  @Test
  void aRecordingIsServedFromItsTenantsTreeOnItsTenantsHost() {
    Answer answer = send(A1, "a.sl.example.com");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).isEqualTo("<svg>a</svg>");
    assertThat(send(B1, "b.sl.example.com:8443").text()).isEqualTo("<svg>b</svg>");
  }

  @Test
  void everyFileAnswerIsReportedWithItsFormatStatusAndBytes() {
    send(A1, "a.sl.example.com");
    send(A1, "b.sl.example.com");

    assertThat(served).containsExactly("presentation 200 12", "presentation 404 " + NotFoundPage.length());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"b.sl.example.com", "sl.example.com", "c.sl.example.com", "127.0.0.1:8080", "[::1]"})
  void anotherTenantsHostABareDomainOrAnUnknownTenantGetsNotFound(String host) {
    assertNotFoundPage(send(A1, host));
  }

  @Test
  void theForwardedHostNamesTheTenantBehindAProxy() {
    Answer answer = RecordingsHandlerTest.send(channel, get("/presentation/" + A1 + "/shapes.svg",
        "Host", "10.0.0.5", "X-Forwarded-Host", "a.sl.example.com"));

    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void getRecordingsLinksRedirectOnlyOnTheTenantsHost() {
    Answer own = RecordingsHandlerTest.send(channel, get("/recording/" + A1 + "/presentation",
        "Host", "a.sl.example.com"));
    Answer other = RecordingsHandlerTest.send(channel, get("/recording/" + A1 + "/presentation",
        "Host", "b.sl.example.com"));

    assertThat(own.status()).isEqualTo(307);
    assertThat(own.header(HttpHeaderNames.LOCATION)).isEqualTo("/playback/presentation/2.3/" + A1);
    assertNotFoundPage(other);
  }

  @Test
  void playerFilesArePublicOnEveryHost() {
    Answer answer = RecordingsHandlerTest.send(channel, get("/playback/presentation/2.3/" + A1,
        "Host", "sl.example.com"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).isEqualTo("<html>player</html>");
  }

  @Test
  void aTenantsRecordingStillInTheGlobalTreeIsServedFromThere() {
    String moved = "aaaa000000000000000000000000000000000002-1700000000000";
    index(moved, A);
    fixture.publish("presentation", moved, "shapes.svg", "<svg>global</svg>");

    assertThat(send(moved, "a.sl.example.com").text()).isEqualTo("<svg>global</svg>");
  }

  @Test
  void withMultitenancyOffTenantTreesAreServedOnAnyHost() {
    EmbeddedChannel anyHost = channel(false);
    try {
      Answer answer = RecordingsHandlerTest.send(anyHost, get("/presentation/" + A1 + "/shapes.svg",
          "Host", "sl.example.com"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.text()).isEqualTo("<svg>a</svg>");
    } finally {
      assertThat(anyHost.finishAndReleaseAll()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/presentation/A1/../../../secret.txt",
      "/presentation/A1/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt",
      "/presentation/A1/..%2F..%2F..%2F..%2Fsecret.txt",
      "/presentation/A1/leak.txt",
      "/presentation/A1/global/presentation/B1/shapes.svg",
      "/presentation/A1/up/secret.txt",
  })
  void traversalAndSymlinksOutOfATenantTreeAreNotFound(String target) throws IOException {
    Path recording = tenantTree.resolve("presentation").resolve(A1);
    Files.createSymbolicLink(recording.resolve("leak.txt"), fixture.secret);
    Files.createSymbolicLink(recording.resolve("global"), fixture.published);
    Files.createSymbolicLink(recording.resolve("up"), temp);

    Answer answer = RecordingsHandlerTest.send(channel, get(target.replace("A1", A1).replace("B1", B1),
        "Host", "a.sl.example.com"));

    assertNotFoundPage(answer);
    assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(PlaybackFixture.SECRET, StandardCharsets.ISO_8859_1), "<svg>b</svg>");
  }

  private final List<String> served = new CopyOnWriteArrayList<>();

  private Answer send(String recordId, String host) {
    return RecordingsHandlerTest.send(channel, get("/presentation/" + recordId + "/shapes.svg", "Host", host));
  }

  private void index(String recordId, Tenant tenant) {
    Recording recording = fixture.index(recordId, true, false, "presentation");
    fixture.stores.recordings().save(recording.withMetadata(Map.of("tenant-id", tenant.id()))).toCompletableFuture()
        .join();
  }

  private EmbeddedChannel channel(boolean multitenancy) {
    RecordingsConfig config = fixture.config(true, false, true);
    TenantsConfig tenants = new TenantsConfig(multitenancy, Map.of("a", temp.resolve("tenant-a")));
    TenantLookup lookup = new TenantLookup(fixture.stores.tenants());
    return RecordingsHandlerTest.channel(new RecordingsServing(config, tenants, fixture.stores.recordings(),
        fixture.stores.recordingTokens(), new RecordingFiles(config, tenants, lookup), lookup,
        new DirectExecutorService(), false, fixture.clock,
        (format, status, bytes) -> served.add(format + " " + status + " " + bytes)));
  }
}
