package io.switchboard.routing.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class LrsPayloadTest {
  private static final String BASIC_JSON =
      "{\"lrs_endpoint\":\"https://lrs.example/xapi\",\"lrs_username\":\"user\",\"lrs_password\":\"pass\"}";

  /** Bytes 0, 1, 2, … in order: filler 00..07, salt 08..0f. */
  private static final class CountingRandom extends SecureRandom {
    private byte next;

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = next++;
      }
    }
  }

  @Test
  void basicCredentialsAreTheJsonScaleliteSends() {
    assertThat(LrsPayload.basic("https://lrs.example/xapi", "user", "pass").json()).isEqualTo(BASIC_JSON);
    assertThat(LrsPayload.basic("https://lrs.example/xapi", null, null).json())
        .isEqualTo("{\"lrs_endpoint\":\"https://lrs.example/xapi\",\"lrs_username\":null,\"lrs_password\":null}");
    assertThat(LrsPayload.token("https://lrs.example/xapi", "eyJ.t").json())
        .isEqualTo("{\"lrs_endpoint\":\"https://lrs.example/xapi\",\"lrs_token\":\"eyJ.t\"}");
  }

  @Test
  void knownAnswerWithAFixedRandom() {
    // Computed independently: python3 hashlib.pbkdf2_hmac('sha256', b'bbb-secret', salt 08..0f, 10000, 48), then
    // openssl enc -aes-256-cbc -K <first 32> -iv <next 16> of the JSON, prefixed with filler 00..07 and the salt.
    String encrypted = LrsPayload.basic("https://lrs.example/xapi", "user", "pass")
        .encrypted("bbb-secret", new CountingRandom());

    assertThat(encrypted).isEqualTo("AAECAwQFBgcICQoLDA0OD8SOJwMq6b/0fWiu0vbEhMGWPNvt9PsDKtrFkc22e0HI3/i7ycL+7Kwdvy5T"
        + "roxq3K2auIDhlXZrzaqpEKCw1BktiMBNUouObOfdrXB2tcJJ2PG3rXhRkOT/Ab1wBnzHlw==");
  }

  @Test
  void decryptsWithTheServerSecretOnly() throws GeneralSecurityException {
    LrsPayload payload = LrsPayload.token("https://lrs.example/xapi", "token-1");

    String encrypted = payload.encrypted("server-secret", new SecureRandom());

    assertThat(decrypt(encrypted, "server-secret")).isEqualTo(payload.json());
    assertThat(decryptOrEmpty(encrypted, "other-secret")).as("another secret").isEmpty();
    assertThat(payload.encrypted("server-secret", new SecureRandom())).as("fresh salt each time")
        .isNotEqualTo(encrypted);
  }

  @Test
  void oddCharactersAreEscapedAndSurviveTheRoundTrip() throws GeneralSecurityException {
    LrsPayload payload = LrsPayload.basic("https://lrs.example/x?a=1&b=\"2\"", "ü\\ser", "p\"a\ns\t\u0001ß€");

    assertThat(payload.json()).isEqualTo("{\"lrs_endpoint\":\"https://lrs.example/x?a=1&b=\\\"2\\\"\","
        + "\"lrs_username\":\"ü\\\\ser\",\"lrs_password\":\"p\\\"a\\ns\\t\\u0001ß€\"}");
    assertThat(decrypt(payload.encrypted("sëcret", new SecureRandom()), "sëcret")).isEqualTo(payload.json());
  }

  @Test
  void toStringHidesTheCredentials() {
    assertThat(LrsPayload.basic("https://lrs.example", "user", "hunter2")).hasToString("LrsPayload[basic]");
    assertThat(LrsPayload.token("https://lrs.example", "tok")).hasToString("LrsPayload[token]");
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> LrsPayload.token("https://lrs.example", "t").encrypted("", new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serverSecret");
  }

  /** What another secret gets: usually a padding error, else garbage. */
  private static String decryptOrEmpty(String payload, String secret) {
    try {
      String json = decrypt(payload, secret);
      return json.startsWith("{\"lrs_endpoint\"") ? json : "";
    } catch (GeneralSecurityException wrongKey) {
      return "";
    }
  }

  /** bbb-webhooks' side, written apart from the class under test: PBKDF2 by hand over HMAC-SHA256 (RFC 8018). */
  private static String decrypt(String payload, String secret) throws GeneralSecurityException {
    byte[] all = Base64.getDecoder().decode(payload);
    byte[] salt = Arrays.copyOfRange(all, 8, 16);
    byte[] keyAndIv = pbkdf2(secret.getBytes(StandardCharsets.UTF_8), salt, 10_000, 48);
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 32, "AES"),
        new IvParameterSpec(keyAndIv, 32, 16));
    return new String(cipher.doFinal(all, 16, all.length - 16), StandardCharsets.UTF_8);
  }

  private static byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int length)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(password, "HmacSHA256"));
    byte[] out = new byte[length];
    for (int block = 1, done = 0; done < length; block++) {
      mac.update(salt);
      byte[] u = mac.doFinal(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8),
          (byte) block});
      byte[] t = u.clone();
      for (int i = 1; i < iterations; i++) {
        u = mac.doFinal(u);
        for (int j = 0; j < t.length; j++) {
          t[j] ^= u[j];
        }
      }
      int n = Math.min(t.length, length - done);
      System.arraycopy(t, 0, out, done, n);
      done += n;
    }
    return out;
  }
}
