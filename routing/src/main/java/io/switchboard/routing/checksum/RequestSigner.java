package io.switchboard.routing.checksum;

import io.switchboard.conf.ChecksumAlgorithm;
import io.switchboard.routing.params.Params;

/**
 * Signs the calls Switchboard forwards to a BBB backend as Scalelite's {@code encode_bbb_uri} does (spec §3.6 steps
 * 3–5): the parameters encoded like Ruby's {@code URI.encode_www_form}, then {@code checksum=} the lower-case hex hash of
 * call name + that exact string + the backend's secret, so the backend hashes precisely what it receives.
 */
public final class RequestSigner {

  private RequestSigner() {}

  /**
   * The full query to send, without the {@code ?}: {@code params.encode()}, then {@code &checksum=<hex>}, or just
   * {@code checksum=<hex>} when there are no parameters (the version probe).
   */
  public static String signedQuery(String callName, Params params, String secret, ChecksumAlgorithm algorithm) {
    String encoded = params.encode();
    String checksum = HashScratch.current().clear().append(callName).append(encoded).append(secret)
        .hexString(algorithm);
    StringBuilder query = new StringBuilder(encoded.length() + 10 + checksum.length());
    if (!encoded.isEmpty()) {
      query.append(encoded).append('&');
    }
    return query.append("checksum=").append(checksum).toString();
  }

  /** The lower-case hex digest of the UTF-8 bytes of {@code input}. */
  public static String hex(ChecksumAlgorithm algorithm, String input) {
    return HashScratch.current().clear().append(input).hexString(algorithm);
  }
}
