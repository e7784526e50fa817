package io.switchboard.proxy.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The LRS payload of a tenant's creates end to end (spec §4.5 step 9, §11.5): the simulated BBB server receives
 * {@code meta_secret-lrs-payload}, which only its own secret decrypts, carrying the tenant's basic credentials or the
 * token its Keycloak (a WireMock) granted; a Keycloak that grants nothing leaves the create without a payload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LrsPayloadCreateTest {
  private static final String URL_HOST = "sb.test";
  private static final String PAYLOAD = "meta_secret-lrs-payload";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private SwitchboardFixture switchboard;
  private WireMockServer keycloak;

  @BeforeAll
  void start() {
    keycloak = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new ConsoleNotifier(false)));
    keycloak.start();
    switchboard = SwitchboardFixture.start(StoreKind.EMBEDDED, 2, """
        switchboard.tenants.enabled = true
        switchboard.api.url-host = "%s"
        """.formatted(URL_HOST));
    for (int poll = 0; poll < 5 && !allOnline(); poll++) {
      switchboard.pollNow();
    }
    assertThat(allOnline()).as("the simulated servers are online").isTrue();
  }

  private boolean allOnline() {
    return switchboard.stores().servers().all().toCompletableFuture().join().stream().allMatch(ServerRecord::online);
  }

  @AfterAll
  void stop() {
    if (switchboard != null) {
      switchboard.close();
    }
    if (keycloak != null) {
      keycloak.stop();
    }
  }

  @Test
  void basicCredentialsReachEachServerEncryptedWithItsOwnSecretInsteadOfTheClients() throws Exception {
    Tenant tenant = tenant(Map.of("lrs_endpoint", "https://lrs.example/xapi", "lrs_username", "lrs-user",
        "lrs_password", "p\"ss&word"));
    String expected = "{\"lrs_endpoint\":\"https://lrs.example/xapi\",\"lrs_username\":\"lrs-user\","
        + "\"lrs_password\":\"p\\\"ss&word\"}";

    for (int i = 1; i <= 2; i++) {
      String room = tenant.name() + "-basic-" + i;
      assertThat(create(tenant, room, "&" + PAYLOAD + "=forged")).contains("<returncode>SUCCESS</returncode>");

      SimulatedBbb host = switchboard.hostOf(room);
      String payload = host.meeting(room).orElseThrow().createParams().get(PAYLOAD);
      assertThat(decrypt(payload, host.secret())).isEqualTo(expected);
      SimulatedBbb other = host == switchboard.bbb(0) ? switchboard.bbb(1) : switchboard.bbb(0);
      assertThat(decryptOrEmpty(payload, other.secret())).as("another server's secret").isEmpty();
    }
  }

  @Test
  void aKeycloakTenantSendsTheGrantedTokenFetchedOnceWhileItIsFresh() throws Exception {
    String path = "/realms/" + UUID.randomUUID() + "/protocol/openid-connect/token";
    keycloak.stubFor(WireMock.post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"kc-token-1\",\"expires_in\":300,\"token_type\":\"Bearer\"}")));
    Tenant tenant = tenant(keycloakCredentials(path));

    for (int i = 1; i <= 2; i++) {
      String room = tenant.name() + "-kc-" + i;
      assertThat(create(tenant, room, "")).contains("<returncode>SUCCESS</returncode>");

      SimulatedBbb host = switchboard.hostOf(room);
      assertThat(decrypt(host.meeting(room).orElseThrow().createParams().get(PAYLOAD), host.secret()))
          .isEqualTo("{\"lrs_endpoint\":\"https://lrs.example/xapi\",\"lrs_token\":\"kc-token-1\"}");
    }

    List<LoggedRequest> asked = keycloak.findAll(postRequestedFor(urlPathEqualTo(path)));
    assertThat(asked).as("the token is reused until shortly before it expires").hasSize(1);
    assertThat(asked.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(asked.get(0).getBodyAsString())).containsExactlyInAnyOrderEntriesOf(Map.of(
        "client_id", "switchboard", "client_secret", "c&secret", "username", "lrs-bot", "password", "kc pass",
        "grant_type", "password"));
  }

  @Test
  void aTokenAboutToExpireIsFetchedAgainForTheNextCreate() {
    String path = "/realms/" + UUID.randomUUID() + "/protocol/openid-connect/token";
    keycloak.stubFor(WireMock.post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"short\",\"expires_in\":" + LrsCredentials.REUSE_MARGIN.toSeconds() + "}")));
    Tenant tenant = tenant(keycloakCredentials(path));

    create(tenant, tenant.name() + "-short-1", "");
    create(tenant, tenant.name() + "-short-2", "");

    keycloak.verify(2, postRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void aKeycloakRefusalLeavesTheCreateWithoutAnyPayload() {
    String path = "/realms/" + UUID.randomUUID() + "/protocol/openid-connect/token";
    keycloak.stubFor(WireMock.post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\"}")));
    Tenant tenant = tenant(keycloakCredentials(path));
    String room = tenant.name() + "-refused";

    assertThat(create(tenant, room, "&" + PAYLOAD + "=forged")).contains("<returncode>SUCCESS</returncode>");

    assertThat(switchboard.hostOf(room).meeting(room).orElseThrow().createParams()).doesNotContainKey(PAYLOAD);
    keycloak.verify(1, postRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void anUnreachableKeycloakLeavesTheCreateWithoutAnyPayload() {
    Map<String, String> credentials = new LinkedHashMap<>(keycloakCredentials("/token"));
    credentials.put("kc_token_url", "http://127.0.0.1:1/token");
    Tenant tenant = tenant(credentials);
    String room = tenant.name() + "-unreachable";

    assertThat(create(tenant, room, "")).contains("<returncode>SUCCESS</returncode>");

    assertThat(switchboard.hostOf(room).meeting(room).orElseThrow().createParams()).doesNotContainKey(PAYLOAD);
  }

  @Test
  void withoutAnLrsTheClientsParamPassesAsInScalelite() {
    Tenant tenant = tenant(Map.of());
    String room = tenant.name() + "-plain";

    assertThat(create(tenant, room, "&" + PAYLOAD + "=sent")).contains("<returncode>SUCCESS</returncode>");

    assertThat(switchboard.hostOf(room).meeting(room).orElseThrow().createParams()).containsEntry(PAYLOAD, "sent");
  }

  private Map<String, String> keycloakCredentials(String path) {
    return Map.of("lrs_endpoint", "https://lrs.example/xapi",
        "kc_token_url", "http://127.0.0.1:" + keycloak.port() + path, "kc_client_id", "switchboard",
        "kc_client_secret", "c&secret", "kc_username", "lrs-bot", "kc_password", "kc pass");
  }

  private Tenant tenant(Map<String, String> credentials) {
    String name = "lrs" + NAMES.incrementAndGet() + "x" + UUID.randomUUID().toString().substring(0, 6);
    Tenant tenant = new Tenant(UUID.randomUUID().toString(), name, List.of(name + "-secret"), credentials,
        TenantLimits.UNLIMITED);
    switchboard.stores().tenants().save(tenant).toCompletableFuture().join();
    return tenant;
  }

  /** A create on the tenant's host, over a socket of its own: Java's HTTP client does not let a caller set Host. */
  private String create(Tenant tenant, String room, String extra) {
    String query = "meetingID=" + room + "&name=Room" + extra;
    String checksum = SwitchboardFixture.checksum("create" + query + tenant.secrets().get(0), "SHA-256");
    try (Socket socket = new Socket("127.0.0.1", switchboard.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /bigbluebutton/api/create?" + query + "&checksum=" + checksum + " HTTP/1.1\r\nHost: "
          + tenant.name() + "." + URL_HOST + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }

  /** bbb-webhooks' decryption: skip 8 filler bytes, salt, PBKDF2-HMAC-SHA256 key and IV, AES-256-CBC. */
  private static String decrypt(String payload, String secret) throws GeneralSecurityException {
    assertThat(payload).as(PAYLOAD).isNotNull();
    byte[] all = Base64.getDecoder().decode(payload);
    byte[] salt = Arrays.copyOfRange(all, 8, 16);
    byte[] keyAndIv = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(secret.toCharArray(), salt, 10_000, 48 * 8)).getEncoded();
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 32, "AES"), new IvParameterSpec(keyAndIv, 32, 16));
    return new String(cipher.doFinal(all, 16, all.length - 16), StandardCharsets.UTF_8);
  }

  private static String decryptOrEmpty(String payload, String secret) {
    try {
      String json = decrypt(payload, secret);
      return json.startsWith("{\"lrs_endpoint\"") ? json : "";
    } catch (GeneralSecurityException wrongKey) {
      return "";
    }
  }
}
