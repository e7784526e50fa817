package io.switchboard.recordings.serving;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The JWT inside a protected recording's access cookie (spec §9.10): HS256 over {@code {"sub":"/<format>/<rid>",
 * "exp":<epoch seconds>}}, signed with the UTF-8 bytes of {@code SECRET_KEY_BASE}, exactly as Scalelite's Ruby
 * {@code JWT.encode} writes it, so cookies pass between Scalelite and Switchboard sharing the key. A token is valid
 * when its header says HS256, its signature matches (constant-time), its {@code sub} is the expected one and its
 * {@code exp} is later than now, as the Ruby gem checks it (no leeway).
 */
final class AccessToken {
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String HEADER = ENCODER.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
  private static final ConfigParseOptions JSON = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON);

  private final SecretKeySpec key;

  /**
   * A blank key can only come from a hand-built configuration with protection disabled; like {@code ConfigLoader},
   * replace it with a random one so links still work for the life of this process.
   */
  AccessToken(String signingKey) {
    byte[] bytes = signingKey.isBlank() ? randomKey() : signingKey.getBytes(StandardCharsets.UTF_8);
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  String issue(String subject, long expiresEpochSecond) {
    String payload = "{\"sub\":\"" + jsonEscape(subject) + "\",\"exp\":" + expiresEpochSecond + "}";
    String signingInput = HEADER + '.' + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return signingInput + '.' + ENCODER.encodeToString(sign(signingInput));
  }

  /** Whether {@code token} is a valid HS256 JWT of ours for {@code subject}, unexpired at {@code nowEpochSecond}. */
  boolean valid(String token, String subject, long nowEpochSecond) {
    int firstDot = token.indexOf('.');
    int lastDot = token.lastIndexOf('.');
    if (firstDot < 0 || lastDot == firstDot) {
      return false;
    }
    try {
      byte[] signature = DECODER.decode(token.substring(lastDot + 1));
      if (!MessageDigest.isEqual(signature, sign(token.substring(0, lastDot)))) {
        return false;
      }
      ConfigObject header = json(DECODER.decode(token.substring(0, firstDot)));
      ConfigObject payload = json(DECODER.decode(token.substring(firstDot + 1, lastDot)));
      return "HS256".equals(string(header.get("alg")))
          && subject.equals(string(payload.get("sub")))
          && expiry(payload.get("exp")) > nowEpochSecond;
    } catch (IllegalArgumentException | ConfigException e) {
      return false;
    }
  }

  private byte[] sign(String signingInput) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  // Parsed only after the signature matched, i.e. JSON we or Scalelite wrote; Typesafe Config is already on the
  // classpath and its JSON syntax is strict.
  private static ConfigObject json(byte[] utf8) {
    return ConfigFactory.parseString(new String(utf8, StandardCharsets.UTF_8), JSON).root();
  }

  private static @Nullable String string(@Nullable ConfigValue value) {
    return value != null && value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped() : null;
  }

  private static long expiry(@Nullable ConfigValue value) {
    return value != null && value.valueType() == ConfigValueType.NUMBER
        ? ((Number) value.unwrapped()).longValue()
        : Long.MIN_VALUE;
  }

  private static String jsonEscape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        escaped.append('\\').append(c);
      } else if (c < 0x20) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static byte[] randomKey() {
    byte[] bytes = new byte[64];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
