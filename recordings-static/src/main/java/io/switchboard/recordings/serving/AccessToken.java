package io.switchboard.recordings.serving;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.switchboard.routing.jwt.HmacJwt;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JWT inside a protected recording's access cookie (spec §9.10): HS256 over {@code {"sub":"/<format>/<rid>",
 * "exp":<epoch seconds>}}, signed with the UTF-8 bytes of {@code SECRET_KEY_BASE}, exactly as Scalelite's Ruby
 * {@code JWT.encode} writes it, so cookies pass between Scalelite and Switchboard sharing the key. A token is valid
 * when its header says HS256, its signature matches (constant-time), its {@code sub} is the expected one and its
 * {@code exp} is later than now, as the Ruby gem checks it (no leeway). Signing and checking are
 * {@link HmacJwt}'s.
 */
final class AccessToken {
  private static final ConfigParseOptions JSON = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON);

  private final HmacJwt jwt;

  /**
   * A blank key can only come from a hand-built configuration with protection disabled; like {@code ConfigLoader},
   * replace it with a random one so links still work for the life of this process.
   */
  AccessToken(String signingKey) {
    this.jwt = HmacJwt.of(HmacJwt.Algorithm.HS256, signingKey.isBlank() ? randomKey() : signingKey);
  }

  String issue(String subject, long expiresEpochSecond) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", subject);
    claims.put("exp", expiresEpochSecond);
    return jwt.sign(claims);
  }

  /** Whether {@code token} is a valid HS256 JWT of ours for {@code subject}, unexpired at {@code nowEpochSecond}. */
  boolean valid(String token, String subject, long nowEpochSecond) {
    Optional<String> claims = jwt.verifiedClaims(token);
    if (claims.isEmpty()) {
      return false;
    }
    try {
      ConfigObject payload = ConfigFactory.parseString(claims.get(), JSON).root();
      return subject.equals(string(payload.get("sub"))) && expiry(payload.get("exp")) > nowEpochSecond;
    } catch (ConfigException e) {
      return false;
    }
  }

  // Parsed only after the signature matched, i.e. JSON we or Scalelite wrote; Typesafe Config is already on the
  // classpath and its JSON syntax is strict.
  private static @Nullable String string(@Nullable ConfigValue value) {
    return value != null && value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped() : null;
  }

  private static long expiry(@Nullable ConfigValue value) {
    return value != null && value.valueType() == ConfigValueType.NUMBER
        ? ((Number) value.unwrapped()).longValue()
        : Long.MIN_VALUE;
  }

  private static String randomKey() {
    byte[] bytes = new byte[64];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
