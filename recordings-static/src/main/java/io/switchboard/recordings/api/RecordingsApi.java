package io.switchboard.recordings.api;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.RecordingsConfig;
import io.switchboard.recordings.api.GetRecordingsXml.Pagination;
import io.switchboard.recordings.api.GetRecordingsXml.View;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbXml;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.RecordingTokenStore.Grant;
import io.switchboard.storage.recordings.RecordingPage;
import io.switchboard.storage.recordings.RecordingStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The recordings calls of the BBB API, answered from the recordings index and the trees on disk: getRecordings,
 * publishRecordings, updateRecordings and deleteRecordings as Scalelite answers them (spec §9.1–§9.5, §4.10, plus
 * BBB 2.6 pagination), getRecordingTextTracks and putRecordingTextTrack as BBB does (bbb-api §5.11, §5.12, JSON).
 * Disk work runs on the blocking executor and store calls are asynchronous, so {@link #handle} never blocks its
 * caller; the stage it returns may complete on an executor or store thread.
 */
public final class RecordingsApi {
  private static final int TOKEN_BYTES = 32;
  /** The tenant id of a call no tenant scope applies to: multitenancy off, or the operator's. */
  private static final String NO_TENANT = "";
  private static final HexFormat HEX = HexFormat.of();

  private final RecordingsConfig config;
  private final RecordingStore store;
  private final RecordingTokenStore tokens;
  private final Set<String> playbackFormats;
  private final RecordingChanges changes;
  private final TextTrackCalls textTracks;
  private final SecureRandom random = new SecureRandom();

  /**
   * {@code clock} is part of the agreed signature and not used: the token store keeps token lifetimes.
   * {@code blockingExecutor} runs every disk access (publishing, deleting, text tracks); give it a bounded pool.
   */
  public RecordingsApi(RecordingsConfig config, RecordingStore store, RecordingTokenStore tokens,
      RecordingFiles files, Clock clock, Executor blockingExecutor) {
    this.config = requireNonNull(config, "config");
    this.store = requireNonNull(store, "store");
    this.tokens = requireNonNull(tokens, "tokens");
    requireNonNull(files, "files");
    requireNonNull(clock, "clock");
    Blocking blocking = new Blocking(requireNonNull(blockingExecutor, "blockingExecutor"));
    this.playbackFormats = Set.copyOf(config.playbackFormats());
    this.changes = new RecordingChanges(store, files, blocking);
    this.textTracks = new TextTrackCalls(config.enabled(), store, files, blocking);
  }

  /**
   * Answers one call. {@code call} is the BBB call name (getRecordings, publishRecordings, updateRecordings,
   * deleteRecordings, getRecordingTextTracks, putRecordingTextTrack; any other is {@code unsupportedRequest});
   * {@code params} are checksum-verified and decoded; {@code body} is the raw request body (multipart for
   * putRecordingTextTrack) and {@code contentType} its header or {@code ""}; {@code urlPrefix} is
   * {@code scheme://host[:port]} for links; {@code tenantId} is the id of the request's tenant, or {@code ""} when
   * multitenancy is off: with a tenant, every call sees and changes only the recordings whose {@code tenant-id} is
   * that id (others are as unknown as missing ones), and updateRecordings cannot change a recording's
   * {@code tenant-id}. Every BBB-level failure is an answer; the stage fails only when the store does, which Scalelite
   * answers with a 500.
   */
  public CompletionStage<RecordingsResponse> handle(String call, Params params, byte[] body, String contentType,
      String urlPrefix, String tenantId) {
    requireNonNull(call, "call");
    requireNonNull(params, "params");
    requireNonNull(body, "body");
    requireNonNull(contentType, "contentType");
    requireNonNull(urlPrefix, "urlPrefix");
    requireNonNull(tenantId, "tenantId");
    try {
      return switch (call) {
        case "getRecordings" -> getRecordings(params, urlPrefix, tenantId);
        case "publishRecordings" -> config.enabled() ? changes.publish(params, tenantId) : recordingsDisabled();
        case "updateRecordings" -> config.enabled() ? changes.update(params, tenantId) : recordingsDisabled();
        case "deleteRecordings" -> config.enabled() ? changes.delete(params, tenantId) : recordingsDisabled();
        case "getRecordingTextTracks" -> textTracks.get(params, urlPrefix, tenantId);
        case "putRecordingTextTrack" -> textTracks.put(params, body, contentType, tenantId);
        default -> xml(BbbXml.error(BbbError.UNSUPPORTED_REQUEST));
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  /**
   * publishRecordings of {@code recordIds} whatever their tenant: the operator's call (the admin API), which no tenant
   * scope applies to. Answers as {@link #handle} answers publishRecordings, RECORDING_DISABLED included.
   */
  public CompletionStage<RecordingsResponse> publishAnyTenant(List<String> recordIds, boolean publish) {
    requireNonNull(recordIds, "recordIds");
    if (!config.enabled()) {
      return recordingsDisabled();
    }
    return changes.publish(Params.of().with("recordID", String.join(",", recordIds))
        .with("publish", Boolean.toString(publish)), NO_TENANT);
  }

  /**
   * deleteRecordings of {@code recordIds} whatever their tenant: the operator's call (the admin API). Answers as
   * {@link #handle} answers deleteRecordings, RECORDING_DISABLED included.
   */
  public CompletionStage<RecordingsResponse> deleteAnyTenant(List<String> recordIds) {
    requireNonNull(recordIds, "recordIds");
    if (!config.enabled()) {
      return recordingsDisabled();
    }
    return changes.delete(Params.of().with("recordID", String.join(",", recordIds)), NO_TENANT);
  }

  private CompletionStage<RecordingsResponse> getRecordings(Params params, String urlPrefix, String tenantId) {
    if (!config.enabled()) {
      return xml(BbbXml.noRecordings());
    }
    GetRecordingsParams.Parsed parsed =
        GetRecordingsParams.parse(params, config.getRecordingsFiltered(), config.maxPageSize());
    if (parsed instanceof GetRecordingsParams.Rejected rejected) {
      return xml(BbbXml.error(rejected.error()));
    }
    GetRecordingsParams.Query request = (GetRecordingsParams.Query) parsed;
    View view = new View(urlPrefix, config.protection().enabled(), playbackFormats);
    CompletionStage<RecordingPage> page = request.matchesNothing()
        ? CompletableFuture.completedStage(new RecordingPage(List.of(), 0))
        : store.find(TenantScope.limit(tenantId, request.query()));
    return page.thenCompose(found -> issueTokens(GetRecordingsXml.protectedLinks(found.recordings(), view))
        .thenApply(issued -> {
          Optional<Pagination> pagination = request.paginated()
              ? Optional.of(new Pagination(request.query().offset(), request.query().limit().orElseThrow(),
                  found.totalMatches()))
              : Optional.empty();
          return RecordingsResponse.xml(GetRecordingsXml.write(found.recordings(), view, issued, pagination));
        }));
  }

  /** A fresh token per protected link, each stored with its grant for the token timeout (spec §9.10). */
  private CompletionStage<Map<Grant, String>> issueTokens(List<Grant> grants) {
    if (grants.isEmpty()) {
      return CompletableFuture.completedStage(Map.of());
    }
    Map<Grant, String> issued = new HashMap<>();
    List<CompletableFuture<Void>> stored = new ArrayList<>(grants.size());
    for (Grant grant : grants) {
      String token = newToken();
      issued.put(grant, token);
      stored.add(tokens.put(token, grant, config.protection().tokenTimeout()).toCompletableFuture());
    }
    return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).thenApply(ignored -> issued);
  }

  /** 64 lower-case hex digits, the only token shape the playback route accepts. */
  private String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return HEX.formatHex(bytes);
  }

  /** Scalelite's answer to publish, update and delete while recordings are disabled (spec §4.10). */
  private static CompletionStage<RecordingsResponse> recordingsDisabled() {
    return xml(BbbXml.error(BbbError.RECORDINGS_NOT_FOUND));
  }

  private static CompletionStage<RecordingsResponse> xml(byte[] body) {
    return CompletableFuture.completedStage(RecordingsResponse.xml(body));
  }
}
