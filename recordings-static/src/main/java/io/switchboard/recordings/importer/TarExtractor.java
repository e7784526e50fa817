package io.switchboard.recordings.importer;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.ImportLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Extracts a plain POSIX tar as BBB servers send them (spec §9.6: {@code <format>/<recordId>/…}) into a fresh
 * directory inside the work directory, trusting nothing in it. BBB recordings hold only directories and regular
 * files, so every other entry type (symbolic and hard links, devices, FIFOs, sparse files) rejects the whole tarball,
 * as do absolute names, {@code ..} segments, backslashes, NUL characters, and more entries or bytes than
 * {@link ImportLimits} allow. Sizes are checked against the header before anything is written and again against the
 * bytes actually copied, so a lying header cannot fill the disk. On any rejection the partial extraction is deleted.
 */
final class TarExtractor {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final ImportLimits limits;

  TarExtractor(ImportLimits limits) {
    this.limits = requireNonNull(limits, "limits");
  }

  /**
   * Extracts {@code tarball} into a new directory inside {@code workDir} and returns it; the caller deletes it when
   * done. Throws, leaving nothing behind, when the tarball is unreadable, corrupt or breaks a rule above.
   */
  Path blockingExtract(Path tarball, Path workDir) throws ArchiveRejectedException {
    Path target;
    try {
      Files.createDirectories(workDir);
      target = Files.createTempDirectory(workDir, "import-").toRealPath();
    } catch (IOException e) {
      throw new ArchiveRejectedException("cannot create an extraction directory in " + workDir + ": " + e, e);
    }
    boolean extracted = false;
    try {
      extract(tarball, target);
      extracted = true;
      return target;
    } finally {
      if (!extracted) {
        FileTrees.deleteQuietly(target);
      }
    }
  }

  private void extract(Path tarball, Path target) throws ArchiveRejectedException {
    byte[] buffer = new byte[BUFFER_SIZE];
    long totalBytes = 0;
    int entries = 0;
    try (InputStream file = Files.newInputStream(tarball);
         TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(file, BUFFER_SIZE))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries++;
        if (entries > limits.maxEntries()) {
          throw new ArchiveRejectedException("more than " + limits.maxEntries() + " entries (import limit)");
        }
        Path destination = destination(target, entry);
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
          continue;
        }
        long declared = Math.max(entry.getSize(), entry.getRealSize());
        if (declared > limits.maxEntryBytes()) {
          throw new ArchiveRejectedException("entry '" + entry.getName() + "' declares " + declared
              + " bytes (import limit: " + limits.maxEntryBytes() + " per entry)");
        }
        if (declared > limits.maxTotalBytes() - totalBytes) {
          throw new ArchiveRejectedException("entry '" + entry.getName() + "' would bring the total past "
              + limits.maxTotalBytes() + " bytes (import limit)");
        }
        Files.createDirectories(destination.getParent());
        if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
          throw new ArchiveRejectedException("entry '" + entry.getName() + "' is a file over a directory");
        }
        totalBytes += copy(tar, entry.getName(), destination, buffer, totalBytes);
      }
    } catch (IOException | RuntimeException e) {
      // commons-compress reports corrupt headers with IOException and, for some malformed numbers, runtime exceptions.
      throw new ArchiveRejectedException("unreadable or corrupt tar: " + e.getMessage(), e);
    }
  }

  /** Copies the entry's data, counting every byte, and returns how many were written. */
  private long copy(InputStream tar, String name, Path destination, byte[] buffer, long totalSoFar)
      throws IOException, ArchiveRejectedException {
    long written = 0;
    try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      int read;
      while ((read = tar.read(buffer)) != -1) {
        written += read;
        if (written > limits.maxEntryBytes()) {
          throw new ArchiveRejectedException("entry '" + name + "' holds more than " + limits.maxEntryBytes()
              + " bytes (import limit per entry)");
        }
        if (totalSoFar + written > limits.maxTotalBytes()) {
          throw new ArchiveRejectedException("the tarball holds more than " + limits.maxTotalBytes()
              + " bytes (import limit)");
        }
        out.write(buffer, 0, read);
      }
    }
    return written;
  }

  /** Where the entry goes inside {@code target}; throws for every entry type and name a BBB recording never has. */
  private static Path destination(Path target, TarArchiveEntry entry) throws ArchiveRejectedException {
    String name = entry.getName();
    if (entry.isSymbolicLink() || entry.isLink()) {
      throw new ArchiveRejectedException("entry '" + printable(name) + "' is a link (recordings hold none)");
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      throw new ArchiveRejectedException("entry '" + printable(name) + "' is a device or FIFO");
    }
    if (entry.isSparse() || entry.isPaxGNU1XSparse() || entry.getRealSize() != entry.getSize()) {
      throw new ArchiveRejectedException("entry '" + printable(name) + "' is a sparse file");
    }
    if (!entry.isDirectory() && !isRegularFile(entry)) {
      throw new ArchiveRejectedException("entry '" + printable(name) + "' has unsupported type '"
          + printable(String.valueOf((char) entry.getLinkFlag())) + "'");
    }
    if (name.isEmpty() || name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
      throw new ArchiveRejectedException("entry '" + printable(name) + "' has an empty name, a NUL or a backslash");
    }
    if (name.startsWith("/")) {
      throw new ArchiveRejectedException("entry '" + printable(name) + "' has an absolute path");
    }
    StringBuilder relative = new StringBuilder();
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw new ArchiveRejectedException("entry '" + printable(name) + "' has a '..' segment");
      }
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (relative.length() > 0) {
        relative.append('/');
      }
      relative.append(segment);
    }
    if (relative.length() == 0) {
      if (entry.isDirectory()) {
        return target;
      }
      throw new ArchiveRejectedException("entry '" + printable(name) + "' names no file");
    }
    Path destination = target.resolve(relative.toString()).normalize();
    if (!destination.startsWith(target) || destination.equals(target)) {
      throw new ArchiveRejectedException("entry '" + printable(name) + "' resolves outside the extraction directory");
    }
    return destination;
  }

  private static boolean isRegularFile(TarArchiveEntry entry) {
    byte flag = entry.getLinkFlag();
    return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
  }

  private static String printable(String text) {
    return text.replace("\0", "\\0");
  }
}
