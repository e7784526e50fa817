package io.switchboard.conf;

import java.util.Locale;
import java.util.Optional;

/**
 * The hash algorithms BigBlueButton accepts for API checksums. BBB picks the algorithm from the length of the
 * hex checksum a client sends (bbb-web {@code ValidationService}); Scalelite forgot SHA-384, we do not.
 */
public enum ChecksumAlgorithm {
  SHA1("SHA-1", 40),
  SHA256("SHA-256", 64),
  SHA384("SHA-384", 96),
  SHA512("SHA-512", 128);

  private final String jcaName;
  private final int hexLength;

  ChecksumAlgorithm(String jcaName, int hexLength) {
    this.jcaName = jcaName;
    this.hexLength = hexLength;
  }

  /** The name {@link java.security.MessageDigest#getInstance(String)} knows this algorithm by. */
  public String jcaName() {
    return jcaName;
  }

  /** Length of the lower-case hex digest. */
  public int hexLength() {
    return hexLength;
  }

  /** The algorithm whose hex digest has this many characters, as BBB guesses it. */
  public static Optional<ChecksumAlgorithm> forHexLength(int length) {
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.hexLength == length) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /** Parses {@code SHA1}, {@code sha-256}, {@code SHA384} … as Scalelite's LOADBALANCER_CHECKSUM_ALGORITHM spells them. */
  public static Optional<ChecksumAlgorithm> parse(String name) {
    String normalized = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.name().equals(normalized)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
