package io.switchboard.storage;

/**
 * How much of the pool a tenant may use at once (Scalelite #1206): a create that would exceed either limit is refused
 * with a BBB error; joins are never refused, so a running meeting is not broken up. {@code 0} means unlimited.
 *
 * @param maxMeetings meetings running at once
 * @param maxAttendees participants over all the tenant's meetings, as the last poll counted them
 */
public record TenantLimits(int maxMeetings, int maxAttendees) {
  public static final TenantLimits UNLIMITED = new TenantLimits(0, 0);

  public TenantLimits {
    if (maxMeetings < 0) {
      throw new IllegalArgumentException("maxMeetings: " + maxMeetings + " (expected: >= 0, 0 = unlimited)");
    }
    if (maxAttendees < 0) {
      throw new IllegalArgumentException("maxAttendees: " + maxAttendees + " (expected: >= 0, 0 = unlimited)");
    }
  }
}
