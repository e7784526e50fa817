package io.switchboard.routing.jwt;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JSON Web Tokens signed with HMAC (RFC 7519, HS256 and HS512), written byte for byte as Ruby's {@code jwt}
 * gem writes them for Scalelite: header {@code {"alg":"HS256"}}, then the claims. Scalelite signs recording-ready
 * callbacks this way (spec §11.3) and the access cookies of protected recordings (§9.10), so tokens pass between the
 * two. Claims are flat: string or integer values only.
 */
public final class HmacJwt {
  /** The HMAC algorithms a token may use. */
  public enum Algorithm {
    HS256("HmacSHA256"),
    HS512("HmacSHA512");

    private final String jcaName;

    Algorithm(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Algorithm algorithm;
  private final SecretKeySpec key;
  private final String encodedHeader;

  private HmacJwt(Algorithm algorithm, byte[] key) {
    this.algorithm = algorithm;
    this.key = new SecretKeySpec(key, algorithm.jcaName);
    this.encodedHeader = ENCODER.encodeToString(
        ("{\"alg\":\"" + algorithm.name() + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** Tokens signed with the UTF-8 bytes of {@code secret}, as the Ruby gem takes a string key. */
  public static HmacJwt of(Algorithm algorithm, String secret) {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret: '' (expected: a non-empty signing key)");
    }
    return new HmacJwt(algorithm, secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A token carrying {@code claims} in their iteration order; values are {@link String}s or {@link Number}s. */
  public String sign(Map<String, ?> claims) {
    StringBuilder json = new StringBuilder(64).append('{');
    for (Map.Entry<String, ?> claim : claims.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      appendString(claim.getKey(), json);
      json.append(':');
      Object value = claim.getValue();
      if (value instanceof Number number) {
        json.append(number.longValue());
      } else {
        appendString(String.valueOf(value), json);
      }
    }
    String signingInput = encodedHeader + '.' + ENCODER.encodeToString(
        json.append('}').toString().getBytes(StandardCharsets.UTF_8));
    return signingInput + '.' + ENCODER.encodeToString(mac(signingInput));
  }

  /**
   * The JSON claims of {@code token} when its header names this algorithm and its signature is ours (compared in
   * constant time); empty otherwise. Checking the claims is the caller's business.
   */
  public Optional<String> verifiedClaims(String token) {
    int firstDot = token.indexOf('.');
    int lastDot = token.lastIndexOf('.');
    if (firstDot <= 0 || lastDot == firstDot) {
      return Optional.empty();
    }
    try {
      byte[] signature = DECODER.decode(token.substring(lastDot + 1));
      if (!MessageDigest.isEqual(signature, mac(token.substring(0, lastDot)))) {
        return Optional.empty();
      }
      String header = new String(DECODER.decode(token.substring(0, firstDot)), StandardCharsets.UTF_8);
      if (!header.replace(" ", "").contains("\"alg\":\"" + algorithm.name() + "\"")) {
        return Optional.empty();
      }
      return Optional.of(new String(DECODER.decode(token.substring(firstDot + 1, lastDot)), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private byte[] mac(String signingInput) {
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName);
      mac.init(key);
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException unavailable) {
      throw new IllegalStateException(algorithm.jcaName + " is unavailable", unavailable);
    }
  }

  private static void appendString(String text, StringBuilder json) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }
}
