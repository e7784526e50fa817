package io.switchboard.routing.checksum;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.ChecksumAlgorithm;
import io.switchboard.routing.params.Params;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ChecksumVerifier} of bbb-web: the checksum value is the first {@code checksum} pair of the query (else of
 * the form body), and the hashed query is the raw one with every {@code &checksum=<c>}, then {@code checksum=<c>&},
 * then {@code checksum=<c>} deleted, three plain replace-all passes as in bbb-web's {@code GetChecksum}. When nothing is
 * left of the query and a form body exists, two more readings are tried: the raw body minus the checksum pair (what
 * bbblb accepts) and the sorted, {@code URLEncoder}-encoded rebuild of the body that bbb-web 2.4/2.5 hashed.
 */
final class TextualChecksumVerifier implements ChecksumVerifier {
  private static final String PAIR = "checksum=";
  private static final int LONGEST = 128;

  /** The accepted algorithm by hex length, {@code null} where the length is unknown or its algorithm not accepted. */
  private final @Nullable ChecksumAlgorithm[] acceptedByLength = new ChecksumAlgorithm[LONGEST + 1];

  TextualChecksumVerifier(Set<ChecksumAlgorithm> accepted) {
    requireNonNull(accepted, "accepted");
    for (ChecksumAlgorithm algorithm : accepted) {
      acceptedByLength[algorithm.hexLength()] = algorithm;
    }
  }

  @Override
  public Optional<String> verify(String callName, String rawQuery, @Nullable String formBody, List<String> secrets) {
    @Nullable String checksum = firstChecksum(rawQuery);
    if (checksum == null && formBody != null) {
      checksum = firstChecksum(formBody);
    }
    if (checksum == null || checksum.isEmpty() || secrets.isEmpty()) {
      return Optional.empty();
    }
    @Nullable ChecksumAlgorithm algorithm = checksum.length() > LONGEST ? null : acceptedByLength[checksum.length()];
    if (algorithm == null) {
      return Optional.empty();
    }
    HashScratch scratch = HashScratch.current();
    byte @Nullable [] expected = scratch.receivedLowerCase(algorithm, checksum);
    if (expected == null) {
      return Optional.empty();
    }
    String query = withoutChecksum(rawQuery, checksum);
    Optional<String> secret = match(scratch, algorithm, expected, callName, query, secrets);
    if (secret.isPresent() || !query.isEmpty() || formBody == null || formBody.isEmpty()) {
      return secret;
    }
    secret = match(scratch, algorithm, expected, callName, withoutChecksum(formBody, checksum), secrets);
    if (secret.isPresent()) {
      return secret;
    }
    return match(scratch, algorithm, expected, callName, sortedRebuild(formBody), secrets);
  }

  private static Optional<String> match(HashScratch scratch, ChecksumAlgorithm algorithm, byte[] expected,
      String callName, String query, List<String> secrets) {
    scratch.clear().append(callName).append(query);
    int mark = scratch.length();
    for (String secret : secrets) {
      if (secret.isEmpty()) {
        continue;
      }
      scratch.truncate(mark);
      scratch.append(secret);
      if (MessageDigest.isEqual(expected, scratch.hexDigest(algorithm))) {
        return Optional.of(secret);
      }
    }
    return Optional.empty();
  }

  /** The value of the first {@code checksum} pair, {@code ""} for a bare or empty one, {@code null} when absent. */
  static @Nullable String firstChecksum(String encoded) {
    int start = 0;
    int length = encoded.length();
    while (start < length) {
      int end = encoded.indexOf('&', start);
      if (end < 0) {
        end = length;
      }
      if (encoded.startsWith("checksum", start)) {
        int afterName = start + "checksum".length();
        if (afterName == end) {
          return "";
        }
        if (encoded.charAt(afterName) == '=') {
          return encoded.substring(afterName + 1, end);
        }
      }
      start = end + 1;
    }
    return null;
  }

  /** bbb-web's three {@code String.replace} passes, without building the three patterns. */
  static String withoutChecksum(String text, String checksum) {
    if (!text.contains(PAIR)) {
      return text;
    }
    String result = removeAll(text, checksum, true, false);
    result = removeAll(result, checksum, false, true);
    return removeAll(result, checksum, false, false);
  }

  /** {@code text.replace(("&" if leading) + "checksum=" + checksum + ("&" if trailing), "")}. */
  private static String removeAll(String text, String checksum, boolean leadingAmpersand, boolean trailingAmpersand) {
    StringBuilder out = null;
    int copied = 0;
    int search = leadingAmpersand ? 1 : 0;
    int at;
    while ((at = text.indexOf(PAIR, search)) >= 0) {
      int start = leadingAmpersand ? at - 1 : at;
      int valueStart = at + PAIR.length();
      int end = valueStart + checksum.length() + (trailingAmpersand ? 1 : 0);
      boolean matches = end <= text.length()
          && (!leadingAmpersand || text.charAt(start) == '&')
          && text.regionMatches(valueStart, checksum, 0, checksum.length())
          && (!trailingAmpersand || text.charAt(end - 1) == '&');
      if (matches) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, start);
        copied = end;
        search = end + (leadingAmpersand ? 1 : 0);
      } else {
        search = at + 1;
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * bbb-web 2.4/2.5 {@code ValidationService.buildQueryStringFromParamsMap}: decoded names sorted, {@code checksum}
   * skipped, every value of a repeated name in order, names as decoded and values re-encoded by {@code URLEncoder}.
   */
  static String sortedRebuild(String formBody) {
    Map<String, List<String>> sorted = new TreeMap<>();
    int start = 0;
    while (start <= formBody.length()) {
      int end = formBody.indexOf('&', start);
      if (end < 0) {
        end = formBody.length();
      }
      if (end > start) {
        int equals = formBody.indexOf('=', start);
        boolean bare = equals < 0 || equals > end;
        String name = Params.decode(formBody.substring(start, bare ? end : equals));
        String value = bare ? "" : Params.decode(formBody.substring(equals + 1, end));
        if (!name.isEmpty() && !name.equals("checksum")) {
          sorted.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
      }
      start = end + 1;
    }
    StringBuilder out = new StringBuilder(formBody.length() + 16);
    for (Map.Entry<String, List<String>> entry : sorted.entrySet()) {
      for (String value : entry.getValue()) {
        if (out.length() > 0) {
          out.append('&');
        }
        out.append(entry.getKey()).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }
}
