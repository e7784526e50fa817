package io.switchboard.recordings.serving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps a URL path under a served root to a file that is certainly inside that root. {@link #resolve} is the pure,
 * lexical half: it percent-decodes each segment once (strict UTF-8) and refuses anything that could climb or smuggle a
 * separator — {@code .} and {@code ..} segments (also when encoded as {@code %2e%2e}), encoded {@code /} or {@code \},
 * backslashes, NUL, empty segments, absolute paths. {@link #blockingRealPath} is the disk half: the real path, symlinks
 * resolved, must still lie under the root's real path, so a symlink leading out is refused as if the file did not
 * exist (style guide item 12).
 */
final class RecordingPath {
  private RecordingPath() {}

  /**
   * The file {@code rawPath} names under {@code root}, or empty when the path is not acceptable. {@code rawPath} is
   * relative ({@code presentation/<rid>/shapes.svg}), still percent-encoded, with characters up to U+00FF standing for
   * bytes as Netty reads the request line; one trailing {@code /} is allowed (a directory). No disk access.
   */
  static Optional<Path> resolve(Path root, String rawPath) {
    if (rawPath.startsWith("/")) {
      return Optional.empty();
    }
    String relative = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    Path resolved = root;
    if (!relative.isEmpty()) {
      for (String rawSegment : relative.split("/", -1)) {
        Optional<String> segment = decode(rawSegment).filter(RecordingPath::acceptable);
        if (segment.isEmpty()) {
          return Optional.empty();
        }
        try {
          resolved = resolved.resolve(segment.get());
        } catch (InvalidPathException e) {
          return Optional.empty();
        }
      }
    }
    // Belt and braces: no accepted segment can climb, so the normalized path must still start with the root.
    return resolved.normalize().startsWith(root.normalize()) ? Optional.of(resolved) : Optional.empty();
  }

  /**
   * The real path of {@code candidate} (symlinks resolved), or empty when it does not lie under the real path of
   * {@code root}. Touches the disk: never call it on an event loop.
   *
   * @throws IOException when either path does not exist or cannot be read
   */
  static Optional<Path> blockingRealPath(Path root, Path candidate) throws IOException {
    Path realRoot = root.toRealPath();
    Path real = candidate.toRealPath();
    return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
  }

  private static boolean acceptable(String segment) {
    return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..") && segment.indexOf('/') < 0
        && segment.indexOf('\\') < 0 && segment.indexOf('\0') < 0;
  }

  /** The segment percent-decoded once as strict UTF-8, or empty for a bad escape, a wide char or invalid UTF-8. */
  private static Optional<String> decode(String raw) {
    if (raw.indexOf('%') < 0 && isAscii(raw)) {
      return Optional.of(raw);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
        int low = high < 0 ? -1 : hex(raw.charAt(i + 2));
        if (low < 0) {
          return Optional.empty();
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c > 0xFF) {
        return Optional.empty();
      } else {
        bytes.write(c);
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }
}
