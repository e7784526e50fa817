package io.switchboard.recordings.api;

import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbXml;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * publishRecordings, updateRecordings and deleteRecordings (spec §9.3–§9.5): the files move or go first, then the
 * index records it, one recording after the other, so a failure leaves the recordings handled before it changed (as in
 * Scalelite) and the failing one consistent. deleteRecordings also removes the unpublished copy, and
 * updateRecordings' {@code protect} applies to every listed recording (Scalelite: the first only). With a tenant,
 * the other tenants' recordings are as unknown as missing ones, and {@code meta_tenant-id} is ignored (Scalelite lets
 * a tenant overwrite it).
 */
final class RecordingChanges {
  private static final Logger log = LoggerFactory.getLogger(RecordingChanges.class);
  private static final Set<String> PUBLISHABLE_STATES = Set.of("published", "unpublished");
  private static final String META = "meta_";

  private final RecordingStore store;
  private final RecordingFiles files;
  private final Blocking blocking;

  RecordingChanges(RecordingStore store, RecordingFiles files, Blocking blocking) {
    this.store = store;
    this.files = files;
    this.blocking = blocking;
  }

  CompletionStage<RecordingsResponse> publish(Params params, String tenantId) {
    Optional<String> recordIds = params.nonBlank("recordID");
    if (recordIds.isEmpty()) {
      return error(BbbError.MISSING_RECORD_ID);
    }
    Optional<String> publishParam = params.nonBlank("publish");
    if (publishParam.isEmpty()) {
      return error(BbbError.MISSING_PUBLISH);
    }
    boolean publish = publishParam.get().equalsIgnoreCase("true");
    List<String> ids = ParamValues.commaList(recordIds.get());
    return store.getAll(ids).thenCompose(found -> {
      List<Recording> candidates = inRequestOrder(TenantScope.visible(tenantId, found), ids).stream()
          .filter(recording -> PUBLISHABLE_STATES.contains(recording.state().orElse("")))
          .toList();
      if (candidates.isEmpty()) {
        return error(BbbError.RECORDINGS_NOT_FOUND);
      }
      CompletionStage<?> work = CompletableFuture.completedStage(null);
      for (Recording candidate : candidates) {
        if (candidate.published() != publish) {
          String recordId = candidate.recordId();
          work = work
              .thenCompose(ignored -> files.placement(candidate.tenantId()))
              .thenCompose(placement -> blocking.run(() -> {
                files.blockingPublish(placement, recordId, publish);
                return recordId;
              }))
              .thenCompose(ignored -> store.update(recordId, recording -> recording.withPublished(publish)));
        }
      }
      return work.handle((ignored, failure) -> {
        if (failure != null) {
          log.warn("publishRecordings publish={} of {} failed", publish, ids, failure);
          return xml(BbbXml.error(BbbError.UNABLE_TO_PUBLISH_RECORDING));
        }
        return xml(ActionXml.published(publish));
      });
    });
  }

  CompletionStage<RecordingsResponse> update(Params params, String tenantId) {
    Optional<String> recordIds = params.nonBlank("recordID");
    if (recordIds.isEmpty()) {
      return error(BbbError.MISSING_RECORD_ID);
    }
    List<String> ids = ParamValues.commaList(recordIds.get());
    Map<String, String> changes = metadataChanges(params);
    if (!tenantId.isEmpty()) {
      // A tenant could otherwise give its recordings to another tenant, or take them out of every tenant's sight.
      changes.remove(TenantScope.TENANT_ID_KEY);
    }
    Optional<Boolean> protect = params.nonBlank("protect").map(ParamValues::railsBoolean);
    return store.getAll(ids).thenCompose(found -> {
      // An unknown or repeated id means the list does not name as many recordings as it has ids (spec §9.4 step 1).
      if (TenantScope.visible(tenantId, found).size() != ids.size()) {
        return CompletableFuture.completedStage(xml(ActionXml.updated(false)));
      }
      CompletionStage<?> metadata =
          changes.isEmpty() ? CompletableFuture.completedStage(null) : store.updateMetadata(ids, changes);
      return metadata
          .thenCompose(ignored -> protect.isEmpty() ? CompletableFuture.completedStage(null)
              : protectAll(ids, protect.get()))
          .thenApply(ignored -> xml(ActionXml.updated(!changes.isEmpty() || protect.isPresent())));
    });
  }

  CompletionStage<RecordingsResponse> delete(Params params, String tenantId) {
    Optional<String> recordIds = params.nonBlank("recordID");
    if (recordIds.isEmpty()) {
      return error(BbbError.MISSING_RECORD_ID);
    }
    List<String> ids = ParamValues.commaList(recordIds.get());
    return store.getAll(ids).thenCompose(all -> {
      List<Recording> found = TenantScope.visible(tenantId, all);
      if (found.isEmpty()) {
        return error(BbbError.RECORDINGS_NOT_FOUND);
      }
      CompletionStage<?> work = CompletableFuture.completedStage(null);
      for (Recording recording : inRequestOrder(found, ids)) {
        String recordId = recording.recordId();
        work = work
            .thenCompose(ignored -> files.placement(recording.tenantId()))
            .thenCompose(placement -> blocking.run(() -> {
              files.blockingDelete(placement, recordId);
              return recordId;
            }))
            .thenCompose(ignored -> store.update(recordId, Recording::deleted));
      }
      return work.handle((ignored, failure) -> {
        if (failure != null) {
          log.warn("deleteRecordings of {} failed", ids, failure);
          return xml(BbbXml.error(BbbError.UNABLE_TO_DELETE_RECORDING));
        }
        return xml(ActionXml.deleted());
      });
    });
  }

  /** updateRecordings' {@code meta_<key>} params: the key lower-cased, a blank value ({@code ""}) removes the key. */
  private static Map<String, String> metadataChanges(Params params) {
    Map<String, String> changes = new LinkedHashMap<>();
    params.asMap().forEach((name, value) -> {
      if (name.startsWith(META) && name.length() > META.length()) {
        changes.put(name.substring(META.length()).toLowerCase(Locale.ROOT),
            value == null || value.isBlank() ? "" : value);
      }
    });
    return changes;
  }

  private CompletionStage<Void> protectAll(List<String> ids, boolean protect) {
    return CompletableFuture.allOf(ids.stream()
        .distinct()
        .map(id -> store.update(id, recording -> recording.withProtected(protect)).toCompletableFuture())
        .toArray(CompletableFuture[]::new));
  }

  private static List<Recording> inRequestOrder(List<Recording> found, List<String> ids) {
    Map<String, Recording> byId =
        found.stream().collect(Collectors.toMap(Recording::recordId, Function.identity(), (first, second) -> first));
    return ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList();
  }

  private static RecordingsResponse xml(byte[] body) {
    return RecordingsResponse.xml(body);
  }

  private static CompletionStage<RecordingsResponse> error(BbbError error) {
    return CompletableFuture.completedStage(RecordingsResponse.xml(BbbXml.error(error)));
  }
}
