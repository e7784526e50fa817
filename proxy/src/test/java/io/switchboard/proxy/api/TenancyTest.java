package io.switchboard.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.simulator.SimMeeting;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.TenantSetting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Multitenancy end to end (spec §3.1, §3.4, §3.7, §4.2, §4.5, §7.3, §10.3, and the tenant limits): front-ends call
 * {@code <tenant>.sb.test} with their tenant's secret and see only their tenant's meetings — on either kind of store
 * ({@link TenancyEmbeddedTest}, {@link TenancySharedTest}). Each test makes tenants of its own, so they share one
 * Switchboard; {@code bbb1} carries the tag {@code gpu}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TenancyTest {
  static final String URL_HOST = "sb.test";
  private static final AtomicInteger NAMES = new AtomicInteger();

  SwitchboardFixture switchboard;

  /** The stores the Switchboard under test keeps its state in. */
  abstract StoreKind kind();

  @BeforeAll
  void start() {
    switchboard = SwitchboardFixture.start(kind(), 2, """
        switchboard.tenants.enabled = true
        switchboard.api.url-host = "%s"
        switchboard.servers.bbb1.tags = ["gpu"]
        """.formatted(URL_HOST));
    // On a busy machine the first poll of a server can time out; every test here needs both servers online.
    for (int poll = 0; poll < 5 && !allOnline(); poll++) {
      switchboard.pollNow();
    }
    assertThat(allOnline()).as("the simulated servers are online").isTrue();
  }

  private boolean allOnline() {
    return switchboard.stores().servers().all().toCompletableFuture().join().stream()
        .allMatch(ServerRecord::online);
  }

  @AfterAll
  void stop() {
    if (switchboard != null) {
      switchboard.close();
    }
  }

  @Test
  void aTenantsSecretWorksOnItsOwnHostOnly() {
    Tenant alpha = tenant(TenantLimits.UNLIMITED);
    Tenant beta = tenant(TenantLimits.UNLIMITED);

    assertThat(call(alpha, alpha, "getMeetings", "").body()).contains("<returncode>SUCCESS</returncode>");
    assertThat(call(hostOf(beta), secretOf(alpha), "getMeetings", "").body()).contains(checksumError());
    assertThat(call(hostOf(alpha), SwitchboardFixture.SECRET, "getMeetings", "").body())
        .as("the load balancer's secret is not a tenant's").contains(checksumError());
    assertThat(call(hostOf(alpha), alpha.secrets().get(1), "isMeetingRunning", "meetingID=none").body())
        .as("any of the tenant's secrets").contains("<running>false</running>");
  }

  @Test
  void aHostNamingNoTenantFailsEveryChecksummedCall() {
    Tenant alpha = tenant(TenantLimits.UNLIMITED);

    assertThat(call("nobody-" + alpha.name() + "." + URL_HOST, secretOf(alpha), "getMeetings", "").body())
        .contains(checksumError());
    assertThat(call(URL_HOST, SwitchboardFixture.SECRET, "create", "meetingID=bare").body())
        .as("the bare domain").contains(checksumError());
    assertThat(send(URL_HOST, "GET", "/bigbluebutton/api").body())
        .as("the API root needs no tenant").contains("<returncode>SUCCESS</returncode>");
  }

  @Test
  void subdomainsOfUrlHostAreServedAndOtherHostsBlocked() {
    Tenant alpha = tenant(TenantLimits.UNLIMITED);

    assertThat(call(alpha, alpha, "getMeetings", "").status()).isEqualTo(200);
    RawResponse blocked = call(alpha.name() + ".elsewhere.test", secretOf(alpha), "getMeetings", "");
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.body()).startsWith("Blocked host: " + alpha.name() + ".elsewhere.test");
  }

  @Test
  void aTenantsMeetingIsInvisibleToOtherTenants() {
    Tenant alpha = tenant(TenantLimits.UNLIMITED);
    Tenant beta = tenant(TenantLimits.UNLIMITED);
    String room = alpha.name() + "-room";
    assertThat(call(alpha, alpha, "create", "meetingID=" + room + "&name=Room").body())
        .contains("<returncode>SUCCESS</returncode>");

    assertThat(call(beta, beta, "getMeetingInfo", "meetingID=" + room).body()).contains(notFound());
    assertThat(call(beta, beta, "isMeetingRunning", "meetingID=" + room).body()).contains("<running>false</running>");
    assertThat(call(beta, beta, "join", "meetingID=" + room + "&fullName=Eve&role=MODERATOR").body())
        .contains(notFound());
    assertThat(call(beta, beta, "end", "meetingID=" + room).body()).contains(notFound());
    assertThat(call(beta, beta, "create", "meetingID=" + room + "&name=Taken").body())
        .contains("<returncode>FAILED</returncode><messageKey>internalError</messageKey><message>Couldn&apos;t find "
            + "Meeting with id=" + room + " and tenant_id=" + beta.id() + "</message>");
    assertThat(call(beta, beta, "getMeetings", "").body()).doesNotContain(room);

    assertThat(call(alpha, alpha, "getMeetings", "").body()).contains("<meetingID>" + room + "</meetingID>");
    assertThat(call(alpha, alpha, "getMeetingInfo", "meetingID=" + room).body())
        .contains("<returncode>SUCCESS</returncode>").contains("<meetingID>" + room + "</meetingID>");
    assertThat(switchboard.hostOf(room).meeting(room)).as("beta's end did not reach BBB").isPresent();
  }

  @Test
  void aCreateCarriesTheTenantsIdAndNameToBbbAndStoresTheTenant() {
    Tenant alpha = tenant(TenantLimits.UNLIMITED);
    String room = alpha.name() + "-meta";

    call(alpha, alpha, "create", "meetingID=" + room + "&name=Room&meta_tenant-id=forged");

    SimMeeting meeting = switchboard.hostOf(room).meeting(room).orElseThrow();
    assertThat(meeting.metadata())
        .containsEntry("tenant-id", alpha.id())
        .containsEntry("tenant-name", alpha.name());
    MeetingRecord stored = switchboard.stores().meetings().find(room).toCompletableFuture().join().orElseThrow();
    assertThat(stored.tenantId()).isEqualTo(alpha.id());
  }

  @Test
  void tenantSettingsAreDefaultsOrOverridesOnCreateAndJoin() {
    Tenant alpha = tenant(TenantLimits.UNLIMITED);
    setting(alpha, "record", "false", false);
    setting(alpha, "welcome", "Tenant welcome", true);
    setting(alpha, "userdata-bbb_skip_check_audio", "true", true);
    setting(alpha, "meta_server-tag", "gpu", false);
    String chosen = alpha.name() + "-chosen";
    String defaulted = alpha.name() + "-defaulted";

    call(alpha, alpha, "create", "meetingID=" + chosen + "&name=Room&record=true&welcome=Mine");
    call(alpha, alpha, "create", "meetingID=" + defaulted + "&name=Room");

    SimulatedBbb gpu = switchboard.bbb(1);
    assertThat(gpu.meeting(chosen).orElseThrow().createParams())
        .as("the tenant's default server tag chose the server")
        .containsEntry("record", "true")
        .containsEntry("welcome", "Tenant welcome")
        .containsEntry("meta_server-tag", "gpu");
    assertThat(gpu.meeting(defaulted).orElseThrow().createParams()).containsEntry("record", "false");

    RawResponse join = call(alpha, alpha, "join",
        "meetingID=" + chosen + "&fullName=Ada&role=MODERATOR&userdata-bbb_skip_check_audio=false");
    assertThat(join.status()).isEqualTo(302);
    URI location = URI.create(join.header("location").orElseThrow());
    assertThat(location.getPort()).isEqualTo(gpu.port());
    assertThat(location.getRawQuery())
        .contains("userdata-bbb_skip_check_audio=true")
        .doesNotContain("userdata-bbb_skip_check_audio=false");
    assertThat(switchboard.get(location).statusCode()).as("the server accepts the re-signed join").isEqualTo(302);
  }

  @Test
  void aTenantAtItsMeetingLimitCannotStartAnotherButMayRecreateAndJoin() {
    Tenant alpha = tenant(new TenantLimits(2, 0));
    Tenant beta = tenant(new TenantLimits(2, 0));
    String first = alpha.name() + "-1";
    call(alpha, alpha, "create", "meetingID=" + first + "&name=Room");
    call(alpha, alpha, "create", "meetingID=" + alpha.name() + "-2&name=Room");

    assertThat(call(alpha, alpha, "create", "meetingID=" + alpha.name() + "-3&name=Room").body())
        .contains("<returncode>FAILED</returncode><messageKey>maxMeetingsReached</messageKey>"
            + "<message>This tenant already runs its maximum of 2 meetings.</message>");
    assertThat(switchboard.fleet().servers().stream().flatMap(bbb -> bbb.meeting(alpha.name() + "-3").stream()))
        .isEmpty();

    assertThat(call(alpha, alpha, "create", "meetingID=" + first + "&name=Room").body())
        .contains("<returncode>SUCCESS</returncode>").contains("<messageKey>duplicateWarning</messageKey>");
    assertThat(call(alpha, alpha, "join", "meetingID=" + first + "&fullName=Ada&role=VIEWER").status())
        .isEqualTo(302);
    assertThat(call(beta, beta, "create", "meetingID=" + beta.name() + "-1&name=Room").body())
        .as("another tenant has limits of its own").contains("<returncode>SUCCESS</returncode>");
  }

  @Test
  void theAttendeesAPollCountsRefuseATenantsNextMeeting() {
    Tenant alpha = tenant(new TenantLimits(0, 3));
    String busy = alpha.name() + "-busy";
    call(alpha, alpha, "create", "meetingID=" + busy + "&name=Room");
    assertThat(call(alpha, alpha, "create", "meetingID=" + alpha.name() + "-early&name=Room").body())
        .as("no poll has counted anyone yet").contains("<returncode>SUCCESS</returncode>");

    switchboard.hostOf(busy).meeting(busy).orElseThrow().setParticipants(3);
    switchboard.pollNow();

    assertThat(switchboard.stores().tenants().attendees(alpha.id()).toCompletableFuture().join()).isEqualTo(3);
    assertThat(call(alpha, alpha, "create", "meetingID=" + alpha.name() + "-late&name=Room").body())
        .contains("<returncode>FAILED</returncode><messageKey>maxAttendeesReached</messageKey>"
            + "<message>This tenant already has its maximum of 3 attendees.</message>");
    assertThat(call(alpha, alpha, "create", "meetingID=" + busy + "&name=Room").body())
        .contains("<returncode>SUCCESS</returncode>");
    assertThat(call(alpha, alpha, "join", "meetingID=" + busy + "&fullName=Ada&role=VIEWER").status())
        .isEqualTo(302);
  }

  Tenant tenant(TenantLimits limits) {
    String name = "t" + NAMES.incrementAndGet() + "x" + UUID.randomUUID().toString().substring(0, 6);
    Tenant tenant = new Tenant(UUID.randomUUID().toString(), name, List.of(name + "-secret", name + "-second"),
        Map.of(), limits);
    switchboard.stores().tenants().save(tenant).toCompletableFuture().join();
    return tenant;
  }

  private void setting(Tenant tenant, String param, String value, boolean override) {
    switchboard.stores().tenants()
        .saveSetting(new TenantSetting(UUID.randomUUID().toString(), tenant.id(), param, value, override))
        .toCompletableFuture().join();
  }

  private static String hostOf(Tenant tenant) {
    return tenant.name() + "." + URL_HOST;
  }

  private static String secretOf(Tenant tenant) {
    return tenant.secrets().get(0);
  }

  private static String checksumError() {
    return "<messageKey>checksumError</messageKey>";
  }

  private static String notFound() {
    return "<messageKey>notFound</messageKey>";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code call} on the tenant {@code host}'s domain, signed with {@code signer}'s first secret. */
  RawResponse call(Tenant host, Tenant signer, String call, String query) {
    return call(hostOf(host), secretOf(signer), call, query);
  }

  private RawResponse call(String host, String secret, String call, String query) {
    String checksum = SwitchboardFixture.checksum(call + query + secret, "SHA-256");
    return send(host, "GET", "/bigbluebutton/api/" + call + "?" + query + (query.isEmpty() ? "" : "&")
        + "checksum=" + checksum);
  }

  /**
   * One request with the Host header {@code host}, over a socket of its own to the Switchboard on loopback: Java's
   * HTTP client does not let a caller choose the Host.
   */
  private RawResponse send(String host, String method, String pathAndQuery) {
    try (Socket socket = new Socket("127.0.0.1", switchboard.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      return RawResponse.parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** An HTTP/1.1 answer with a Content-Length body, as Switchboard sends them. */
  record RawResponse(int status, Map<String, String> headers, String body) {
    static RawResponse parse(String raw) {
      int end = raw.indexOf("\r\n\r\n");
      String[] lines = raw.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      return new RawResponse(status, headers, raw.substring(end + 4));
    }

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name));
    }
  }
}
