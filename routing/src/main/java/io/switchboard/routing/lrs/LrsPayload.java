package io.switchboard.routing.lrs;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The credentials bbb-webhooks (≥ 3.2.0) sends a meeting's xAPI statements with, as Scalelite's
 * {@code LrsPayloadService} builds them for {@code meta_secret-lrs-payload} (spec §11.5): the JSON
 * {@code {"lrs_endpoint","lrs_username","lrs_password"}} or {@code {"lrs_endpoint","lrs_token"}}, encrypted with a key
 * only the BBB server that runs the meeting can derive from its secret. {@link #toString()} hides the credentials.
 */
public final class LrsPayload {
  private static final int FILLER_BYTES = 8;
  private static final int SALT_BYTES = 8;
  private static final int ITERATIONS = 10_000;
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 16;

  private final String json;
  private final boolean token;

  private LrsPayload(String json, boolean token) {
    this.json = json;
    this.token = token;
  }

  /**
   * Basic authentication against the LRS. A missing user name or password is sent as JSON {@code null}, as
   * Scalelite's {@code to_json} writes a tenant's unset field.
   */
  public static LrsPayload basic(String endpoint, @Nullable String username, @Nullable String password) {
    requireNonNull(endpoint, "endpoint");
    return new LrsPayload("{\"lrs_endpoint\":" + string(endpoint) + ",\"lrs_username\":" + string(username)
        + ",\"lrs_password\":" + string(password) + "}", false);
  }

  /** A bearer token for the LRS, fetched from the tenant's Keycloak. */
  public static LrsPayload token(String endpoint, String token) {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(token, "token");
    return new LrsPayload("{\"lrs_endpoint\":" + string(endpoint) + ",\"lrs_token\":" + string(token) + "}", true);
  }

  /** The plain JSON, before encryption. */
  public String json() {
    return json;
  }

  /**
   * The value of {@code meta_secret-lrs-payload} for the BBB server with {@code serverSecret}: Base64 of 8 random
   * filler bytes, an 8-byte random salt, and the AES-256-CBC (PKCS#7) ciphertext of the JSON under the key and IV
   * PBKDF2-HMAC-SHA256 derives from the secret and the salt (10 000 iterations, 32 + 16 bytes). The filler stands
   * where OpenSSL writes {@code Salted__}; bbb-webhooks skips it.
   */
  public String encrypted(String serverSecret, SecureRandom random) {
    requireNonNull(serverSecret, "serverSecret");
    requireNonNull(random, "random");
    if (serverSecret.isEmpty()) {
      throw new IllegalArgumentException("serverSecret: '' (expected: the BBB server's secret)");
    }
    byte[] filler = new byte[FILLER_BYTES];
    random.nextBytes(filler);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    char[] password = serverSecret.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, (KEY_BYTES + IV_BYTES) * 8);
    byte[] keyAndIv = null;
    try {
      keyAndIv = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndIv, 0, KEY_BYTES, "AES"),
          new IvParameterSpec(keyAndIv, KEY_BYTES, IV_BYTES));
      byte[] ciphertext = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[FILLER_BYTES + SALT_BYTES + ciphertext.length];
      System.arraycopy(filler, 0, out, 0, FILLER_BYTES);
      System.arraycopy(salt, 0, out, FILLER_BYTES, SALT_BYTES);
      System.arraycopy(ciphertext, 0, out, FILLER_BYTES + SALT_BYTES, ciphertext.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException unavailable) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 or AES/CBC is unavailable", unavailable);
    } finally {
      spec.clearPassword();
      Arrays.fill(password, '\0');
      if (keyAndIv != null) {
        Arrays.fill(keyAndIv, (byte) 0);
      }
    }
  }

  @Override
  public String toString() {
    return token ? "LrsPayload[token]" : "LrsPayload[basic]";
  }

  /** A JSON string (or {@code null}): quotes, backslashes and control characters escaped, the rest as is. */
  private static String string(@Nullable String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
