package io.switchboard.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * bbb-web's checksum check (bbb-api.md §2), written independently of Switchboard's: the algorithm is chosen by the hex
 * length (40/64/96/128 → SHA-1/256/384/512), the hashed string is callName + the raw query with the literal checksum
 * pair cut out + secret, and the comparison ignores case.
 */
final class Checksums {
  private Checksums() {}

  static boolean valid(String callName, String rawQuery, @Nullable String checksum, String secret) {
    if (checksum == null) {
      return false;
    }
    String algorithm = algorithmFor(checksum.length());
    if (algorithm == null) {
      return false;
    }
    // Plain String.replace in this order, as GetChecksum does: never re-encode what the client sent.
    String unsigned = rawQuery.replace("&checksum=" + checksum, "")
        .replace("checksum=" + checksum + "&", "")
        .replace("checksum=" + checksum, "");
    return hex(algorithm, callName + unsigned + secret).equalsIgnoreCase(checksum);
  }

  static String hex(String algorithm, String input) {
    try {
      byte[] digest = MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }

  private static @Nullable String algorithmFor(int hexLength) {
    return switch (hexLength) {
      case 40 -> "SHA-1";
      case 64 -> "SHA-256";
      case 96 -> "SHA-384";
      case 128 -> "SHA-512";
      default -> null;
    };
  }
}
