package io.switchboard.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.recordings.api.RecordingsApi;
import io.switchboard.recordings.api.RecordingsResponse;
import io.switchboard.routing.xml.BbbReply;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording endpoints of the admin API, Switchboard's additions: publish, unpublish and delete recordings of every
 * tenant, as the operator. The files and the index change exactly as for the BBB calls, through {@link RecordingsApi};
 * this class only decides which of the named recordings there are to act on and answers JSON.
 */
final class RecordingsAdmin {
  private static final Logger log = LoggerFactory.getLogger(RecordingsAdmin.class);
  private static final Set<String> PUBLISHABLE_STATES = Set.of("published", "unpublished");
  private static final String BAD_IDS = "record_ids must be a non-empty list of recording ids";

  private final RecordingsApi api;
  private final RecordingStore store;
  private final boolean enabled;

  RecordingsAdmin(RecordingsApi api, RecordingStore store, boolean enabled) {
    this.api = api;
    this.store = store;
    this.enabled = enabled;
  }

  /**
   * Publishes or unpublishes the named recordings that are published or unpublished (those still processing or deleted
   * are left out, as BBB's publishRecordings leaves them).
   */
  CompletionStage<AdminResponse> publishRecordings(ObjectNode body) {
    JsonNode publish = body.get("publish");
    if (publish == null || !publish.isBoolean()) {
      return done(AdminResponse.error(400, "publish must be true or false"));
    }
    boolean published = publish.booleanValue();
    return act(body, recording -> PUBLISHABLE_STATES.contains(recording.state().orElse("")),
        ids -> api.publishAnyTenant(ids, published), published ? "published" : "unpublished");
  }

  /** Deletes the named recordings that are not deleted yet: their files in both trees, and their formats and metadata. */
  CompletionStage<AdminResponse> deleteRecordings(ObjectNode body) {
    return act(body, recording -> !"deleted".equals(recording.state().orElse("")), api::deleteAnyTenant, "deleted");
  }

  private CompletionStage<AdminResponse> act(ObjectNode body, Predicate<Recording> actsOn,
      Function<List<String>, CompletionStage<RecordingsResponse>> change, String done) {
    List<String> requested = recordIds(body.get("record_ids"));
    if (requested == null) {
      return done(AdminResponse.error(400, BAD_IDS));
    }
    if (!enabled) {
      return done(AdminResponse.error(412, "Recordings are disabled (RECORDING_DISABLED)"));
    }
    return store.getAll(requested).thenCompose(found -> {
      Set<String> present = found.stream().filter(actsOn).map(Recording::recordId).collect(Collectors.toSet());
      List<String> matched = requested.stream().filter(present::contains).toList();
      List<String> missing = requested.stream().filter(id -> !present.contains(id)).toList();
      if (matched.isEmpty()) {
        return done(notFound(requested));
      }
      return change.apply(matched).thenApply(response -> {
        BbbReply reply = BbbReply.parse(response.body());
        if (reply.success()) {
          log.info("admin: recordings {} {}", matched, done);
          ObjectNode answer = AdminResponse.MAPPER.createObjectNode().put("success", "Recordings were " + done);
          ArrayNode acted = answer.putArray("record_ids");
          matched.forEach(acted::add);
          ArrayNode unknown = answer.putArray("not_found");
          missing.forEach(unknown::add);
          return AdminResponse.json(200, answer);
        }
        if (reply.messageKey().filter("notFound"::equals).isPresent()) {
          return notFound(requested);
        }
        return AdminResponse.error(500, "Recordings were not " + done + ": "
            + reply.message().orElse("the recordings module refused"));
      });
    });
  }

  /** The distinct ids of a JSON array of non-blank strings without commas; null when it is anything else. */
  private static @Nullable List<String> recordIds(@Nullable JsonNode value) {
    if (value == null || !value.isArray() || value.isEmpty()) {
      return null;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode id : value) {
      // A comma would split one id into two in the BBB call's recordID list.
      if (!id.isTextual() || id.asText().isBlank() || id.asText().contains(",")) {
        return null;
      }
      ids.add(id.asText().strip());
    }
    return new ArrayList<>(ids);
  }

  private static AdminResponse notFound(List<String> ids) {
    return AdminResponse.error(404, "Couldn't find recordings with record_ids=" + String.join(",", ids));
  }

  private static CompletionStage<AdminResponse> done(AdminResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
