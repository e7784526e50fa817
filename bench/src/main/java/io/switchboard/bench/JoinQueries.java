package io.switchboard.bench;

import io.switchboard.conf.ChecksumAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The benchmarks' inputs: {@value #COUNT} join queries as a front-end such as Greenlight sends them, one meeting each,
 * signed with {@link #FRONT_END_SECRET}. The checksums are computed here with {@link MessageDigest}, independently of
 * the routing code under test.
 */
final class JoinQueries {
  /** Walked with {@code index++ & MASK}, so the JIT sees many inputs and the arrays stay cache-resident. */
  static final int COUNT = 1 << 10;
  static final int MASK = COUNT - 1;

  /** As long as a secret made by {@code openssl rand -hex 32}, what Scalelite's documentation suggests. */
  static final String FRONT_END_SECRET = "4f7d1c3b9a2e8f6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c4b3a29180f7e6d5";

  private JoinQueries() {}

  /** The {@code meetingID} of query {@code index}: a UUID, as Greenlight 3 names its rooms' meetings. */
  static String meetingId(int index) {
    return UUID.nameUUIDFromBytes(("meeting-" + index).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The unsigned query of a join into meeting {@code index}. */
  static String query(int index) {
    return "fullName=Ada+Lovelace&meetingID=" + meetingId(index)
        + "&password=mp&redirect=true&userID=42&createTime=1700000000000";
  }

  /** {@link #COUNT} queries with {@code &checksum=} appended, signed with {@code algorithm}. */
  static String[] signed(ChecksumAlgorithm algorithm) {
    String[] queries = new String[COUNT];
    for (int i = 0; i < COUNT; i++) {
      queries[i] = signed(query(i), algorithm);
    }
    return queries;
  }

  static String signed(String query, ChecksumAlgorithm algorithm) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm.jcaName());
      byte[] hash = digest.digest(("join" + query + FRONT_END_SECRET).getBytes(StandardCharsets.UTF_8));
      return query + "&checksum=" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm.jcaName() + " is missing from this JDK", e);
    }
  }
}
