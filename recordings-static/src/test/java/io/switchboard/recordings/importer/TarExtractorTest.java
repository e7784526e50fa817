package io.switchboard.recordings.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.switchboard.conf.ImportLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TarExtractorTest {
  private static final String RID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";
  private static final long TEN_GB = 10L * 1024 * 1024 * 1024;
  /** Small limits, so bombs need no disk: 10 000 bytes in all, 8 000 per entry, 5 entries. */
  private static final ImportLimits SMALL = new ImportLimits(10_000, 8_000, 5);

  @TempDir
  Path root;
  private Path work;
  private Path tarball;

  @BeforeEach
  void layout() throws IOException {
    work = Files.createDirectory(root.resolve("work"));
    tarball = root.resolve(RID + ".tar");
  }

  @Test
  void extractsARecordingTarballWrittenByAStandardTarWriter() throws Exception {
    try (OutputStream file = Files.newOutputStream(tarball);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      putDirectory(tar, "presentation/");
      putDirectory(tar, "presentation/" + RID + "/");
      putFile(tar, "presentation/" + RID + "/metadata.xml", "<recording/>");
      putFile(tar, "presentation/" + RID + "/presentation/" + "d".repeat(120) + "/slide-1.png", "png");
      putFile(tar, "video/" + RID + "/video-0.m4v", "m4v");
    }

    Path extracted = new TarExtractor(new ImportLimits(1_000_000, 1_000_000, 100)).blockingExtract(tarball, work);

    assertThat(extracted.getParent()).isEqualTo(work.toRealPath());
    assertThat(extracted.getFileName().toString()).startsWith("import-");
    assertThat(extracted.resolve("presentation/" + RID + "/metadata.xml")).hasContent("<recording/>");
    assertThat(extracted.resolve("presentation/" + RID + "/presentation/" + "d".repeat(120) + "/slide-1.png"))
        .hasContent("png");
    assertThat(extracted.resolve("video/" + RID + "/video-0.m4v")).hasContent("m4v");
  }

  @Test
  void acceptsDotSlashPrefixesAndRepeatedEntriesAsTarDoes() throws Exception {
    new RawTar()
        .directory("./")
        .file("./presentation/" + RID + "/metadata.xml", "first")
        .file("presentation//" + RID + "/./metadata.xml", "second")
        .writeTo(tarball);

    Path extracted = new TarExtractor(SMALL).blockingExtract(tarball, work);

    assertThat(extracted.resolve("presentation/" + RID + "/metadata.xml")).hasContent("second");
  }

  @Test
  void extractsEachTarballIntoAFreshDirectory() throws Exception {
    new RawTar().file("presentation/" + RID + "/metadata.xml", "x").writeTo(tarball);
    TarExtractor extractor = new TarExtractor(SMALL);

    Path first = extractor.blockingExtract(tarball, work);
    Path second = extractor.blockingExtract(tarball, work);

    assertThat(first).isNotEqualTo(second);
  }

  interface Hostile {
    byte[] build(Path root) throws IOException;
  }

  static Stream<Arguments> hostileTarballs() {
    String dir = "presentation/" + RID + "/";
    return Stream.of(
        hostile("a ../ entry", "'..'", root -> new RawTar().file("../evil.txt", "x").bytes()),
        hostile("a ../ segment deep inside", "'..'",
            root -> new RawTar().file(dir + "../../../evil.txt", "x").bytes()),
        hostile("an absolute path", "absolute",
            root -> new RawTar().file(root.resolve("evil.txt").toString(), "x").bytes()),
        hostile("a symbolic link pointing out, then a file through it", "link",
            root -> new RawTar().special(dir + "link", TarConstants.LF_SYMLINK, root.toString())
                .file(dir + "link/evil.txt", "x").bytes()),
        hostile("a hard link pointing out", "link",
            root -> new RawTar().special(dir + "hard", TarConstants.LF_LINK, "../../../../etc/passwd").bytes()),
        hostile("a character device", "device",
            root -> new RawTar().special(dir + "tty", TarConstants.LF_CHR, "").bytes()),
        hostile("a block device", "device",
            root -> new RawTar().special(dir + "sda", TarConstants.LF_BLK, "").bytes()),
        hostile("a FIFO", "FIFO",
            root -> new RawTar().special(dir + "pipe", TarConstants.LF_FIFO, "").bytes()),
        hostile("an unknown entry type", "unsupported type",
            root -> new RawTar().special(dir + "volume", (byte) 'V', "").bytes()),
        hostile("a NUL in a PAX path", "NUL",
            root -> new RawTar().pax(Map.of("path", dir + "a\0/../../../evil.txt"))
                .file(dir + "placeholder", "x").bytes()),
        hostile("a backslash", "backslash",
            root -> new RawTar().file(dir + "..\\..\\evil.txt", "x").bytes()),
        hostile("an old GNU sparse file", "sparse", root -> {
          TarArchiveEntry sparse = new TarArchiveEntry(dir + "sparse.bin", TarConstants.LF_GNUTYPE_SPARSE, true);
          sparse.setSize(0);
          return new RawTar().entry(sparse, new byte[0]).bytes();
        }),
        hostile("a PAX 0.1 sparse file", "sparse",
            root -> new RawTar().pax(Map.of("GNU.sparse.size", "4000", "GNU.sparse.map", "0,0"))
                .file(dir + "sparse.bin", new byte[0]).bytes()),
        hostile("a PAX 1.0 sparse file", "sparse", root -> pax10Sparse(dir, "4000")),
        hostile("a PAX 1.0 sparse file claiming 10 GB", String.valueOf(TEN_GB),
            root -> pax10Sparse(dir, String.valueOf(TEN_GB))),
        hostile("more entries than allowed", "entries",
            root -> {
              RawTar tar = new RawTar();
              for (int i = 0; i < 6; i++) {
                tar.file(dir + "file-" + i, "x");
              }
              return tar.bytes();
            }),
        hostile("a header claiming 10 GB with 1 KB of data", "declares", root -> {
          TarArchiveEntry huge = new TarArchiveEntry(dir + "huge.bin", TarConstants.LF_NORMAL, true);
          huge.setSize(TEN_GB);
          return new RawTar().entry(huge, new byte[1024]).truncated();
        }),
        hostile("an entry over the per-entry limit", "declares",
            root -> new RawTar().file(dir + "big.bin", new byte[8_001]).bytes()),
        hostile("entries over the total limit", "total",
            root -> new RawTar().file(dir + "a.bin", new byte[4_000]).file(dir + "b.bin", new byte[4_000])
                .file(dir + "c.bin", new byte[4_000]).bytes()),
        hostile("random bytes", "corrupt", root -> {
          byte[] noise = new byte[4096];
          new Random(42).nextBytes(noise);
          return noise;
        }),
        hostile("a tarball cut short inside an entry", "corrupt",
            root -> Arrays.copyOf(new RawTar().file(dir + "metadata.xml", new byte[3000]).bytes(), 2048)));
  }

  private static byte[] pax10Sparse(String dir, String realSize) throws IOException {
    byte[] map = Arrays.copyOf("0\n".getBytes(StandardCharsets.US_ASCII), 512);
    return new RawTar().pax(new TreeMap<>(Map.of("GNU.sparse.major", "1", "GNU.sparse.minor", "0",
            "GNU.sparse.name", dir + "sparse.bin", "GNU.sparse.realsize", realSize)))
        .file(dir + "GNUSparseFile.0/sparse.bin", map).bytes();
  }

  private static Arguments hostile(String description, String message, Hostile tar) {
    return Arguments.of(description, message, tar);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTarballs")
  void rejectsTheWholeTarballAndLeavesNothingBehind(String description, String message, Hostile tar)
      throws IOException {
    Files.write(tarball, tar.build(root));

    assertThatExceptionOfType(ArchiveRejectedException.class)
        .isThrownBy(() -> new TarExtractor(SMALL).blockingExtract(tarball, work))
        .withMessageContaining(message);

    assertThat(work).isEmptyDirectory();
    try (Stream<Path> everything = Files.walk(root)) {
      assertThat(everything).containsExactlyInAnyOrder(root, work, tarball);
    }
  }

  @Test
  void refusesAHugeHeaderBeforeWritingAByteOfIt() throws IOException {
    TarArchiveEntry huge = new TarArchiveEntry("presentation/" + RID + "/huge.bin", TarConstants.LF_NORMAL, true);
    huge.setSize(TEN_GB);
    Files.write(tarball, new RawTar().entry(huge, new byte[64 * 1024]).truncated());

    assertThatExceptionOfType(ArchiveRejectedException.class)
        .isThrownBy(() -> new TarExtractor(new ImportLimits(Long.MAX_VALUE, 1024, 10)).blockingExtract(tarball, work))
        .withMessageContaining("declares " + TEN_GB + " bytes");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void rejectsAMissingTarball() {
    assertThatExceptionOfType(ArchiveRejectedException.class)
        .isThrownBy(() -> new TarExtractor(SMALL).blockingExtract(root.resolve("absent.tar"), work));
    assertThat(work).isEmptyDirectory();
  }

  private static void putDirectory(TarArchiveOutputStream tar, String name) throws IOException {
    tar.putArchiveEntry(new TarArchiveEntry(name));
    tar.closeArchiveEntry();
  }

  private static void putFile(TarArchiveOutputStream tar, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
