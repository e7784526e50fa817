package io.switchboard.routing.checksum;

import io.switchboard.conf.ChecksumAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Per-thread digests and buffers for checksum work: the string to hash is UTF-8-encoded straight into a reused byte
 * buffer, digested into a reused array and hex-encoded by table, so hashing and comparing allocate nothing. Not
 * thread-safe by design; {@link #current()} hands every thread its own instance, and callers finish with it before
 * returning.
 */
final class HashScratch {
  private static final ThreadLocal<HashScratch> CURRENT = ThreadLocal.withInitial(HashScratch::new);
  private static final byte[] HEX_DIGITS = {
      '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  private static final ChecksumAlgorithm[] ALGORITHMS = ChecksumAlgorithm.values();
  private static final int INITIAL_INPUT = 512;
  private static final int RETAINED_INPUT = 64 * 1024;

  private final MessageDigest[] digests = new MessageDigest[ALGORITHMS.length];
  private final byte[][] hexDigests = new byte[ALGORITHMS.length][];
  private final byte[][] received = new byte[ALGORITHMS.length][];
  private final byte[] rawDigest = new byte[64];
  private byte[] input = new byte[INITIAL_INPUT];
  private int length;

  private HashScratch() {
    for (ChecksumAlgorithm algorithm : ALGORITHMS) {
      hexDigests[algorithm.ordinal()] = new byte[algorithm.hexLength()];
      received[algorithm.ordinal()] = new byte[algorithm.hexLength()];
    }
  }

  static HashScratch current() {
    return CURRENT.get();
  }

  /** Empties the input; returns this for chaining. */
  HashScratch clear() {
    length = 0;
    if (input.length > RETAINED_INPUT) {
      // One outsized request must not pin a large buffer to every thread that ever served one.
      input = new byte[INITIAL_INPUT];
    }
    return this;
  }

  /** The input length so far, to {@link #truncate} back to. */
  int length() {
    return length;
  }

  void truncate(int mark) {
    length = mark;
  }

  /** Appends the UTF-8 form of {@code text}, exactly as {@code String.getBytes(UTF_8)} would produce it. */
  HashScratch append(String text) {
    int n = text.length();
    ensure(n * 3);
    byte[] out = input;
    int pos = length;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[pos++] = (byte) c;
      } else if (c < 0x800) {
        out[pos++] = (byte) (0xC0 | c >> 6);
        out[pos++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        out[pos++] = (byte) (0xF0 | cp >> 18);
        out[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[pos++] = (byte) (0x80 | cp & 0x3F);
      } else if (Character.isSurrogate(c)) {
        out[pos++] = '?';
      } else {
        out[pos++] = (byte) (0xE0 | c >> 12);
        out[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[pos++] = (byte) (0x80 | c & 0x3F);
      }
    }
    length = pos;
    return this;
  }

  /**
   * The lower-case hex digest of the input. The returned array is this thread's buffer for the algorithm: read it
   * before the next call.
   */
  byte[] hexDigest(ChecksumAlgorithm algorithm) {
    MessageDigest digest = digest(algorithm);
    digest.update(input, 0, length);
    int size;
    try {
      size = digest.digest(rawDigest, 0, rawDigest.length);
    } catch (DigestException e) {
      throw new IllegalStateException(algorithm.jcaName() + " digest does not fit in " + rawDigest.length + " bytes", e);
    }
    byte[] hex = hexDigests[algorithm.ordinal()];
    for (int i = 0; i < size; i++) {
      hex[2 * i] = HEX_DIGITS[rawDigest[i] >> 4 & 0xF];
      hex[2 * i + 1] = HEX_DIGITS[rawDigest[i] & 0xF];
    }
    return hex;
  }

  /** The lower-case hex digest of the input as a string. */
  String hexString(ChecksumAlgorithm algorithm) {
    return new String(hexDigest(algorithm), StandardCharsets.ISO_8859_1);
  }

  /**
   * This thread's buffer holding {@code checksum} lower-cased as ASCII bytes, or {@code null} when it is not hex of
   * the algorithm's length.
   */
  byte @Nullable [] receivedLowerCase(ChecksumAlgorithm algorithm, String checksum) {
    byte[] out = received[algorithm.ordinal()];
    if (checksum.length() != out.length) {
      return null;
    }
    for (int i = 0; i < out.length; i++) {
      char c = checksum.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        out[i] = (byte) c;
      } else if (c >= 'A' && c <= 'F') {
        out[i] = (byte) (c + ('a' - 'A'));
      } else {
        return null;
      }
    }
    return out;
  }

  private MessageDigest digest(ChecksumAlgorithm algorithm) {
    MessageDigest digest = digests[algorithm.ordinal()];
    if (digest == null) {
      try {
        digest = MessageDigest.getInstance(algorithm.jcaName());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JDK lacks " + algorithm.jcaName(), e);
      }
      digests[algorithm.ordinal()] = digest;
    }
    return digest;
  }

  private void ensure(int extra) {
    if (length + extra > input.length) {
      input = Arrays.copyOf(input, Math.max(input.length * 2, length + extra));
    }
  }
}
