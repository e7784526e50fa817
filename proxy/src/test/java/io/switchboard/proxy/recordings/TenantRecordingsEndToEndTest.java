package io.switchboard.proxy.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.RecordingTarballs;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's recording through a multitenant Switchboard over real sockets: tenant a has a recordings directory of
 * its own (Scalelite #1182), so the tarball its BBB server drops into the spool lands in that tree, and its files are
 * served on {@code a.<domain>} only — another tenant's host, the bare domain and an address get the 404 page — and
 * getRecordings lists it to tenant a alone.
 */
class TenantRecordingsEndToEndTest {
  private static final String RECORD_ID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";
  private static final Tenant A = new Tenant("0c1f1e0a-a", "a", List.of("secret-a"), Map.of(), TenantLimits.UNLIMITED);
  private static final Tenant B = new Tenant("0c1f1e0a-b", "b", List.of("secret-b"), Map.of(), TenantLimits.UNLIMITED);

  @TempDir Path tenantDirs;
  private SwitchboardFixture switchboard;

  @BeforeEach
  void start() {
    switchboard = SwitchboardFixture.start(1, "switchboard.tenants.enabled = true\n"
        + "switchboard.tenants.recordings-dirs.a = \"" + tenantDirs.resolve("a") + "\"\n");
    switchboard.stores().tenants().save(A).toCompletableFuture().join();
    switchboard.stores().tenants().save(B).toCompletableFuture().join();
  }

  @AfterEach
  void stop() {
    if (switchboard != null) {
      switchboard.close();
    }
  }

  @Test
  void aTenantsRecordingIsImportedIntoItsOwnTreeAndServedOnlyOnItsHost() throws Exception {
    RecordingTarballs.write(switchboard.recordingsRoot().resolve("spool"), RECORD_ID, "lecture-1",
        Map.of("tenant-id", A.id()), Map.of());
    awaitIndexed();

    assertThat(tenantDirs.resolve("a/published/presentation").resolve(RECORD_ID).resolve("shapes.svg"))
        .hasBinaryContent(RecordingTarballs.SHAPES);
    assertThat(switchboard.recordingsRoot().resolve("published/presentation").resolve(RECORD_ID)).doesNotExist();

    Raw own = get("a.sl.example.com");
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body()).isEqualTo(RecordingTarballs.SHAPES);
    for (String host : List.of("b.sl.example.com", "sl.example.com", "127.0.0.1:" + switchboard.port())) {
      Raw refused = get(host);
      assertThat(refused.status()).as(host).isEqualTo(404);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).as(host).contains("Recording Not Found");
    }
  }

  @Test
  void getRecordingsListsATenantsRecordingOnlyOnItsHost() throws Exception {
    RecordingTarballs.write(switchboard.recordingsRoot().resolve("spool"), RECORD_ID, "lecture-1",
        Map.of("tenant-id", A.id()), Map.of());
    awaitIndexed();

    String own = new String(getRecordings("a.sl.example.com", "secret-a").body(), StandardCharsets.UTF_8);
    String other = new String(getRecordings("b.sl.example.com", "secret-b").body(), StandardCharsets.UTF_8);
    String wrongSecret = new String(getRecordings("b.sl.example.com", "secret-a").body(), StandardCharsets.UTF_8);

    assertThat(own).contains("<recordID>" + RECORD_ID + "</recordID>");
    assertThat(other).contains("<messageKey>noRecordings</messageKey>").doesNotContain(RECORD_ID);
    assertThat(wrongSecret).contains("<messageKey>checksumError</messageKey>");
  }

  private void awaitIndexed() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (switchboard.stores().recordings().get(RECORD_ID).toCompletableFuture().join().isPresent()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the tarball was not imported within 20 s");
  }

  /** A status and body read off the wire. */
  private record Raw(int status, byte[] body) {}

  /** The recording's shapes.svg asked for with {@code host} as the Host header, on a connection of its own. */
  private Raw get(String host) throws IOException {
    return request(host, "/presentation/" + RECORD_ID + "/shapes.svg");
  }

  /** getRecordings of the meeting, signed with {@code secret}, on {@code host}. */
  private Raw getRecordings(String host, String secret) throws IOException {
    String query = "meetingID=lecture-1";
    String checksum = SwitchboardFixture.checksum("getRecordings" + query + secret, "SHA-256");
    return request(host, "/bigbluebutton/api/getRecordings?" + query + "&checksum=" + checksum);
  }

  private Raw request(String host, String target) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", switchboard.port()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] response = in.readAllBytes();
      String text = new String(response, StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      assertThat(headEnd).as("a complete response head").isPositive();
      int status = Integer.parseInt(text.substring(9, 12));
      return new Raw(status, Arrays.copyOfRange(response, headEnd + 4, response.length));
    }
  }
}
