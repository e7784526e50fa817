package io.switchboard.routing.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.jwt.HmacJwt.Algorithm;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HmacJwtTest {

  @Test
  void signsAsRubysJwtGemDoes() {
    // jwt.io's canonical HS256 example shape: {"alg":"HS256"} header, claims in insertion order, no padding.
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("meeting_id", "room-1");
    claims.put("record_id", "abc-1700000000000");

    String token = HmacJwt.of(Algorithm.HS256, "secret").sign(claims);

    assertThat(token).startsWith("eyJhbGciOiJIUzI1NiJ9.eyJtZWV0aW5nX2lkIjoicm9vbS0xIiwicmVjb3JkX2lkIjoiYWJjLTE3MDAwMDAwMDAwMDAifQ.");
    assertThat(token).doesNotContain("=");
  }

  @Test
  void signatureIsTheHmacOfHeaderAndClaims() {
    String token = HmacJwt.of(Algorithm.HS256, "your-256-bit-secret").sign(Map.of("sub", "1234567890"));

    // Computed independently: HMAC-SHA256 over the first two parts with the same key (openssl dgst -sha256 -hmac).
    assertThat(token).isEqualTo("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
        + "ErO0fS1yKjr73zJmeYqazVauy8z4Xwuhebs9fXVr3u4");
  }

  @Test
  void verifiesItsOwnTokensOnly() {
    HmacJwt jwt = HmacJwt.of(Algorithm.HS512, "k");
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "/presentation/r1");
    claims.put("exp", 1_900_000_000L);
    String token = jwt.sign(claims);

    assertThat(jwt.verifiedClaims(token)).contains("{\"sub\":\"/presentation/r1\",\"exp\":1900000000}");
    assertThat(HmacJwt.of(Algorithm.HS512, "other").verifiedClaims(token)).as("another key").isEmpty();
    assertThat(HmacJwt.of(Algorithm.HS256, "k").verifiedClaims(token)).as("another algorithm").isEmpty();
    assertThat(jwt.verifiedClaims(token.substring(0, token.length() - 2) + "AA")).as("tampered").isEmpty();
    assertThat(jwt.verifiedClaims("not a token")).isEmpty();
    assertThat(jwt.verifiedClaims("a.b.c!")).isEmpty();
  }

  @Test
  void escapesClaimStrings() {
    HmacJwt jwt = HmacJwt.of(Algorithm.HS256, "k");

    String claims = jwt.verifiedClaims(jwt.sign(Map.of("m", "a\"b\\c\nd"))).orElseThrow();

    assertThat(claims).isEqualTo("{\"m\":\"a\\\"b\\\\c\\u000ad\"}");
  }
}
