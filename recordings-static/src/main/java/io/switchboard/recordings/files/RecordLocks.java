package io.switchboard.recordings.files;

/**
 * Striped locks by record id, so that two calls moving, deleting or writing into the same recording's directories
 * run one after the other while calls on different recordings rarely wait for each other.
 */
final class RecordLocks {
  private static final int STRIPES = 64;

  private final Object[] stripes = new Object[STRIPES];

  RecordLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  Object of(String recordId) {
    return stripes[Math.floorMod(recordId.hashCode(), STRIPES)];
  }
}
