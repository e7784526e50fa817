package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.routing.xml.BbbError;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Per-tenant limits (Scalelite #1206, {@link TenantLimits}): a create that would start a tenant's
 * {@code maxMeetings + 1}th meeting, or start a meeting while the tenant's meetings already hold {@code maxAttendees}
 * participants as the last poll counted them, is refused with BBB XML that front-ends show like any other create
 * failure. Only new meetings are checked: a create for a meeting that exists and every join pass, so nothing running
 * is broken up. The check precedes placement, so concurrent creates can overshoot by the number in flight.
 */
final class TenantQuota {
  /** The {@code messageKey} of a create refused by {@link TenantLimits#maxMeetings()}. */
  static final String MAX_MEETINGS_REACHED = "maxMeetingsReached";
  /** The {@code messageKey} of a create refused by {@link TenantLimits#maxAttendees()}. */
  static final String MAX_ATTENDEES_REACHED = "maxAttendeesReached";

  private final Stores stores;

  TenantQuota(Stores stores) {
    this.stores = stores;
  }

  /** Why the tenant may not start another meeting now; empty when it may. */
  CompletionStage<Optional<BbbError>> refusal(Tenant tenant) {
    TenantLimits limits = tenant.limits();
    return meetingsRefusal(tenant).thenCompose(meetings -> meetings.isPresent() || limits.maxAttendees() == 0
        ? completedFuture(meetings)
        : stores.tenants().attendees(tenant.id()).thenApply(attendees -> attendees >= limits.maxAttendees()
            ? Optional.of(maxAttendeesReached(limits.maxAttendees()))
            : Optional.empty()));
  }

  /** Counting means reading every meeting, so it is done only for tenants with a meeting limit. */
  private CompletionStage<Optional<BbbError>> meetingsRefusal(Tenant tenant) {
    int max = tenant.limits().maxMeetings();
    if (max == 0) {
      return completedFuture(Optional.empty());
    }
    return stores.meetings().all().thenApply(meetings -> {
      long running = meetings.stream().filter(meeting -> meeting.tenantId().equals(tenant.id())).count();
      return running >= max ? Optional.of(maxMeetingsReached(max)) : Optional.empty();
    });
  }

  static BbbError maxMeetingsReached(int max) {
    return new BbbError(MAX_MEETINGS_REACHED, "This tenant already runs its maximum of " + max + " meetings.");
  }

  static BbbError maxAttendeesReached(int max) {
    return new BbbError(MAX_ATTENDEES_REACHED, "This tenant already has its maximum of " + max + " attendees.");
  }
}
