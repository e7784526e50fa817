package io.switchboard.routing.checksum;

import io.switchboard.conf.ChecksumAlgorithm;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code checksum} parameter of an inbound BBB API call the way bbb-web and Scalelite do (bbb-api §2, spec
 * §3.3): the hash of call name + raw query with the checksum pair cut out textually + shared secret, the algorithm
 * guessed from the checksum's hex length. Unlike Scalelite, the comparison ignores case (as bbb-web's validator does)
 * and POSTs whose parameters are all in a form body also pass when the client signed that body the way older bbb-web
 * releases expected. Implementations are immutable and safe for concurrent use.
 */
public interface ChecksumVerifier {

  /** A verifier that accepts checksums made with any of {@code algorithms} and rejects every other length. */
  static ChecksumVerifier accepting(Set<ChecksumAlgorithm> algorithms) {
    return new TextualChecksumVerifier(algorithms);
  }

  /**
   * The secret the request was signed with, or empty when the checksum is missing, of a length whose algorithm is not
   * accepted, or matches none of {@code secrets}.
   *
   * @param callName the last path segment exactly as requested, e.g. {@code getMeetingInfo}
   * @param rawQuery the query string exactly as received, still percent-encoded, without the {@code ?}; {@code ""} when
   *     there is none. Its UTF-8 bytes are hashed, so non-ASCII octets must have been decoded as UTF-8.
   * @param formBody the raw {@code application/x-www-form-urlencoded} body of a POST, or {@code null} when there is
   *     none or it is of another type
   * @param secrets the secrets to try, in order; empty strings are skipped because they would make every checksum
   *     forgeable
   */
  Optional<String> verify(String callName, String rawQuery, @Nullable String formBody, List<String> secrets);
}
