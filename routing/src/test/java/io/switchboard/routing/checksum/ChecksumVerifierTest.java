package io.switchboard.routing.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ChecksumAlgorithm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumVerifierTest {
  private static final String SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b";
  private static final ChecksumVerifier ALL = ChecksumVerifier.accepting(EnumSet.allOf(ChecksumAlgorithm.class));

  /** An independent reference: the JDK's digest and HexFormat over call name + query + secret. */
  static String checksum(ChecksumAlgorithm algorithm, String callName, String query, String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm.jcaName());
      byte[] hash = digest.digest((callName + query + secret).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static Optional<String> verifyQuery(String callName, String query) {
    return ALL.verify(callName, query, null, List.of(SECRET));
  }

  @Test
  void acceptsTheExampleFromTheBbbDocumentation() {
    String query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444";

    assertThat(verifyQuery("create", query + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"))
        .contains(SECRET);
  }

  static Stream<Arguments> algorithmsAndSecrets() {
    List<List<String>> secretLists = List.of(
        List.of("first-secret", SECRET),
        List.of("", "0123456789abcdef0123456789abcdef"),
        List.of("a:b", "ünïcødé-secret ✓"));
    return Stream.of(ChecksumAlgorithm.values())
        .flatMap(algorithm -> secretLists.stream().map(secrets -> Arguments.of(algorithm, secrets)));
  }

  @ParameterizedTest(name = "{0} with secrets {1}")
  @MethodSource("algorithmsAndSecrets")
  void returnsTheSecretThatMatchesWhenItIsNotTheFirst(ChecksumAlgorithm algorithm, List<String> secrets) {
    String query = "meetingID=room+1&fullName=J%C3%BCrgen";
    String signedWithSecond = checksum(algorithm, "join", query, secrets.get(1));

    assertThat(ALL.verify("join", query + "&checksum=" + signedWithSecond, null, secrets)).contains(secrets.get(1));
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void acceptsUpperCaseHex(ChecksumAlgorithm algorithm) {
    String query = "meetingID=abc";
    String upper = checksum(algorithm, "end", query, SECRET).toUpperCase(Locale.ROOT);

    assertThat(verifyQuery("end", query + "&checksum=" + upper)).contains(SECRET);
  }

  @Test
  void rejectsAnAlgorithmThatIsNotAccepted() {
    ChecksumVerifier sha1Only = ChecksumVerifier.accepting(EnumSet.of(ChecksumAlgorithm.SHA1));
    String query = "meetingID=abc";

    assertThat(sha1Only.verify("end", query + "&checksum=" + checksum(ChecksumAlgorithm.SHA256, "end", query, SECRET),
        null, List.of(SECRET))).isEmpty();
    assertThat(sha1Only.verify("end", query + "&checksum=" + checksum(ChecksumAlgorithm.SHA1, "end", query, SECRET),
        null, List.of(SECRET))).contains(SECRET);
  }

  @Test
  void acceptsNothingWhenNoAlgorithmIsAccepted() {
    ChecksumVerifier none = ChecksumVerifier.accepting(EnumSet.noneOf(ChecksumAlgorithm.class));
    String query = "meetingID=abc";

    assertThat(none.verify("end", query + "&checksum=" + checksum(ChecksumAlgorithm.SHA1, "end", query, SECRET),
        null, List.of(SECRET))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 39, 41, 50, 63, 65, 127, 129})
  void rejectsAChecksumOfAnUnknownLength(int length) {
    String sha512 = checksum(ChecksumAlgorithm.SHA512, "end", "meetingID=abc", SECRET);
    String hex = (sha512 + sha512).substring(0, length);

    assertThat(verifyQuery("end", "meetingID=abc&checksum=" + hex)).isEmpty();
  }

  @Test
  void rejectsNonHexCharactersOfTheRightLength() {
    String sha1 = checksum(ChecksumAlgorithm.SHA1, "end", "meetingID=abc", SECRET);
    String tampered = "g" + sha1.substring(1);

    assertThat(verifyQuery("end", "meetingID=abc&checksum=" + tampered)).isEmpty();
  }

  @Test
  void rejectsAWrongChecksum() {
    String forOtherMeeting = checksum(ChecksumAlgorithm.SHA256, "end", "meetingID=other", SECRET);

    assertThat(verifyQuery("end", "meetingID=abc&checksum=" + forOtherMeeting)).isEmpty();
  }

  @Test
  void rejectsAChecksumMadeForAnotherCall() {
    String forEnd = checksum(ChecksumAlgorithm.SHA1, "end", "meetingID=abc", SECRET);

    assertThat(verifyQuery("getMeetingInfo", "meetingID=abc&checksum=" + forEnd)).isEmpty();
  }

  @Test
  void cutsTheChecksumOutOfTheMiddleOfTheQuery() {
    String signed = checksum(ChecksumAlgorithm.SHA1, "create", "meetingID=a&name=b", SECRET);

    assertThat(verifyQuery("create", "meetingID=a&checksum=" + signed + "&name=b")).contains(SECRET);
  }

  @Test
  void cutsTheChecksumOffTheStartOfTheQuery() {
    String signed = checksum(ChecksumAlgorithm.SHA1, "create", "meetingID=a&name=b", SECRET);

    assertThat(verifyQuery("create", "checksum=" + signed + "&meetingID=a&name=b")).contains(SECRET);
  }

  @Test
  void acceptsAQueryThatIsOnlyTheChecksum() {
    String signed = checksum(ChecksumAlgorithm.SHA256, "getMeetings", "", SECRET);

    assertThat(verifyQuery("getMeetings", "checksum=" + signed)).contains(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"meetingID=abc", "", "meetingID=abc&checksum=", "meetingID=abc&checksum", "xchecksum=abc"})
  void rejectsARequestWithoutAChecksum(String query) {
    assertThat(verifyQuery("end", query)).isEmpty();
    assertThat(ALL.verify("end", query, "meetingID=abc", List.of(SECRET))).isEmpty();
  }

  @Test
  void rejectsWhenThereAreNoSecrets() {
    String signed = checksum(ChecksumAlgorithm.SHA1, "end", "meetingID=abc", SECRET);

    assertThat(ALL.verify("end", "meetingID=abc&checksum=" + signed, null, List.of())).isEmpty();
  }

  @Test
  void neverAcceptsAnEmptySecret() {
    String signedWithoutSecret = checksum(ChecksumAlgorithm.SHA1, "end", "meetingID=abc", "");

    assertThat(ALL.verify("end", "meetingID=abc&checksum=" + signedWithoutSecret, null, List.of("", SECRET)))
        .isEmpty();
  }

  @Test
  void removesIdenticalDuplicateChecksumsBothTextually() {
    String signed = checksum(ChecksumAlgorithm.SHA1, "end", "a=1&b=2", SECRET);

    assertThat(verifyQuery("end", "a=1&checksum=" + signed + "&b=2&checksum=" + signed)).contains(SECRET);
  }

  @Test
  void usesTheFirstOfTwoDifferentChecksumsAndHashesTheSecondAsAParameter() {
    String other = "0".repeat(40);
    String signed = checksum(ChecksumAlgorithm.SHA1, "end", "a=1&checksum=" + other, SECRET);

    assertThat(verifyQuery("end", "a=1&checksum=" + signed + "&checksum=" + other)).contains(SECRET);
    assertThat(verifyQuery("end", "a=1&checksum=" + other + "&checksum=" + signed)).isEmpty();
  }

  @Test
  void hashesTheQueryExactlyAsSentWithoutNormalisingItsEncoding() {
    String asSent = "name=Room+%28A%29&meetingID=x";
    String signed = checksum(ChecksumAlgorithm.SHA1, "create", asSent, SECRET);

    assertThat(verifyQuery("create", asSent + "&checksum=" + signed)).contains(SECRET);
    assertThat(verifyQuery("create", "name=Room+(A)&meetingID=x&checksum=" + signed)).isEmpty();
    assertThat(verifyQuery("create", "name=Room%20%28A%29&meetingID=x&checksum=" + signed)).isEmpty();
    assertThat(verifyQuery("create", "meetingID=x&name=Room+%28A%29&checksum=" + signed)).isEmpty();
  }

  @Test
  void hashesNonAsciiQueryTextAsUtf8() {
    String query = "fullName=Jürgen ✓ 😀";
    String signed = checksum(ChecksumAlgorithm.SHA256, "join", query, SECRET);

    assertThat(verifyQuery("join", query + "&checksum=" + signed)).contains(SECRET);
  }

  @Test
  void verifiesAQueryLongerThanTheInitialBuffer() {
    String query = "meetingID=abc&welcome=" + "x".repeat(5000);
    String signed = checksum(ChecksumAlgorithm.SHA512, "create", query, SECRET);

    assertThat(verifyQuery("create", query + "&checksum=" + signed)).contains(SECRET);
  }

  @Nested
  class FormBody {

    @Test
    void takesTheChecksumFromTheBodyAndHashesTheEmptyQuery() {
      String signed = checksum(ChecksumAlgorithm.SHA1, "getMeetingInfo", "", SECRET);

      assertThat(ALL.verify("getMeetingInfo", "", "meetingID=SHA1_meeting&checksum=" + signed, List.of(SECRET)))
          .contains(SECRET);
    }

    @Test
    void acceptsTheRawBodyMinusTheChecksum() {
      String body = "meetingID=m+1&name=Room+%28A%29";
      String signed = checksum(ChecksumAlgorithm.SHA256, "create", body, SECRET);

      assertThat(ALL.verify("create", "", body + "&checksum=" + signed, List.of(SECRET))).contains(SECRET);
      assertThat(ALL.verify("create", "", "checksum=" + signed + "&" + body, List.of(SECRET))).contains(SECRET);
    }

    @Test
    void acceptsTheSortedUrlEncoderRebuildOfBbb24() {
      String body = "name=Room+(A)&meetingID=m%201&attendeePW=ap&tag=b&tag=a";
      String rebuilt = "attendeePW=ap&meetingID=" + URLEncoder.encode("m 1", StandardCharsets.UTF_8)
          + "&name=" + URLEncoder.encode("Room (A)", StandardCharsets.UTF_8) + "&tag=b&tag=a";
      String signed = checksum(ChecksumAlgorithm.SHA1, "create", rebuilt, SECRET);

      assertThat(rebuilt).isEqualTo("attendeePW=ap&meetingID=m+1&name=Room+%28A%29&tag=b&tag=a");
      assertThat(ALL.verify("create", "", body + "&checksum=" + signed, List.of(SECRET))).contains(SECRET);
    }

    @Test
    void triesTheBodyReadingsWhenTheQueryHeldOnlyTheChecksum() {
      String body = "meetingID=abc";
      String signed = checksum(ChecksumAlgorithm.SHA1, "end", body, SECRET);

      assertThat(ALL.verify("end", "checksum=" + signed, body, List.of(SECRET))).contains(SECRET);
    }

    @Test
    void ignoresTheBodyWhenTheQueryCarriesParameters() {
      String body = "meetingID=abc";
      String signedOverBody = checksum(ChecksumAlgorithm.SHA1, "end", body, SECRET);
      String signedOverEmpty = checksum(ChecksumAlgorithm.SHA1, "end", "", SECRET);

      assertThat(ALL.verify("end", "password=x", body + "&checksum=" + signedOverBody, List.of(SECRET))).isEmpty();
      assertThat(ALL.verify("end", "password=x", body + "&checksum=" + signedOverEmpty, List.of(SECRET))).isEmpty();
    }

    @Test
    void prefersTheQueryChecksumOverTheBodyChecksum() {
      String signed = checksum(ChecksumAlgorithm.SHA1, "end", "meetingID=abc", SECRET);
      String bogus = "f".repeat(40);

      assertThat(ALL.verify("end", "meetingID=abc&checksum=" + signed, "checksum=" + bogus, List.of(SECRET)))
          .contains(SECRET);
      assertThat(ALL.verify("end", "meetingID=abc&checksum=" + bogus, "checksum=" + signed, List.of(SECRET)))
          .isEmpty();
    }
  }
}
