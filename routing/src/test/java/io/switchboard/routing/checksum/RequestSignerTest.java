package io.switchboard.routing.checksum;

import static io.switchboard.routing.checksum.ChecksumVerifierTest.checksum;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ChecksumAlgorithm;
import io.switchboard.routing.params.Params;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequestSignerTest {
  private static final String SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b";

  @Test
  void hashesTheBbbDocumentationExample() {
    String input = "createname=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444" + SECRET;

    assertThat(RequestSigner.hex(ChecksumAlgorithm.SHA1, input)).isEqualTo("1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void appendsTheChecksumOfExactlyTheEncodedParameters(ChecksumAlgorithm algorithm) {
    Params params = Params.of().with("meetingID", "room 1").with("name", "Café (A)").with("password", null);
    String encoded = "meetingID=room+1&name=Caf%C3%A9+%28A%29&password";

    assertThat(RequestSigner.signedQuery("end", params, SECRET, algorithm))
        .isEqualTo(encoded + "&checksum=" + checksum(algorithm, "end", encoded, SECRET));
  }

  @Test
  void signsAnEmptyParameterListAsTheBareChecksum() {
    assertThat(RequestSigner.signedQuery("", Params.of(), SECRET, ChecksumAlgorithm.SHA256))
        .isEqualTo("checksum=" + checksum(ChecksumAlgorithm.SHA256, "", "", SECRET));
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void producesQueriesTheVerifierAccepts(ChecksumAlgorithm algorithm) {
    Params params = Params.parse("meetingID=a%26b&fullName=J%C3%BCrgen+M&redirect=true");
    String query = RequestSigner.signedQuery("join", params, SECRET, algorithm);

    assertThat(ChecksumVerifier.accepting(EnumSet.of(algorithm)).verify("join", query, null, List.of(SECRET)))
        .contains(SECRET);
  }
}
