package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;

/**
 * Guards against decompression bombs and runaway tarballs ({@code switchboard.recordings.import-limits}): the most
 * bytes one import may write in total, the largest single file it may write, and the most tar entries it may hold.
 * An import that would exceed any of them fails (its tarball goes to the failed directory) without filling the disk.
 */
public record ImportLimits(long maxTotalBytes, long maxEntryBytes, int maxEntries) {
  public ImportLimits {
    if (maxTotalBytes < 1) {
      throw Checks.invalid("maxTotalBytes", maxTotalBytes, ">= 1");
    }
    if (maxEntryBytes < 1) {
      throw Checks.invalid("maxEntryBytes", maxEntryBytes, ">= 1");
    }
    between(maxEntries, 1, Integer.MAX_VALUE, "maxEntries");
  }
}
