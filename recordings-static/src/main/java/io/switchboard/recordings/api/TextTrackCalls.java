package io.switchboard.recordings.api;

import io.switchboard.recordings.files.Placement;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.files.TextTrack;
import io.switchboard.recordings.files.TextTrackFiles;
import io.switchboard.routing.params.Params;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * getRecordingTextTracks and putRecordingTextTrack as BBB answers them (bbb-api §5.11, §5.12), in JSON: the tracks
 * of the recording's presentation ({@code captions.json}, {@code caption_<lang>.vtt}) with links on the caller's host,
 * and uploads of WebVTT or SRT tracks from a multipart {@code file} field. Unknown and deleted recordings are
 * {@code noRecordings}, and so are other tenants' recordings.
 */
final class TextTrackCalls {
  private static final Logger log = LoggerFactory.getLogger(TextTrackCalls.class);
  private static final Optional<String> DELETED = Optional.of("deleted");
  private static final String NO_FILE =
      "You must send the text track as the file field of a multipart/form-data body.";

  private final boolean enabled;
  private final RecordingStore store;
  private final TextTrackFiles tracks;
  private final RecordingFiles files;
  private final Blocking blocking;

  TextTrackCalls(boolean enabled, RecordingStore store, RecordingFiles files, Blocking blocking) {
    this.enabled = enabled;
    this.store = store;
    this.tracks = new TextTrackFiles(files);
    this.files = files;
    this.blocking = blocking;
  }

  CompletionStage<RecordingsResponse> get(Params params, String urlPrefix, String tenantId) {
    Optional<String> recordIdParam = params.nonBlank("recordID");
    if (recordIdParam.isEmpty()) {
      return failed("paramError", "You must specify a recordID.");
    }
    String recordId = recordIdParam.get();
    if (!enabled) {
      return noRecording(recordId);
    }
    return existing(recordId, tenantId).thenCompose(recording -> {
      if (recording.isEmpty()) {
        return noRecording(recordId);
      }
      return placement(recording.get())
          .thenCompose(placement -> blocking.run(() -> tracks.blockingTracks(placement, recordId)))
          .handle((found, failure) -> {
            if (failure != null) {
              log.warn("getRecordingTextTracks of {} failed", recordId, failure);
              return json(TextTrackJson.failed("internalError",
                  "Unable to read the text tracks of " + recordId + "."));
            }
            List<TextTrackJson.Track> listed = found.orElse(List.of()).stream()
                .map(track -> new TextTrackJson.Track(
                    urlPrefix + "/presentation/" + recordId + "/" + track.fileName(),
                    track.kind(), track.label(), track.locale(), track.source()))
                .toList();
            return json(TextTrackJson.tracks(listed));
          });
    });
  }

  CompletionStage<RecordingsResponse> put(Params params, byte[] body, String contentType, String tenantId) {
    Optional<String> recordIdParam = params.nonBlank("recordID");
    if (recordIdParam.isEmpty()) {
      return failed("paramError", "You must specify a recordID.");
    }
    Optional<String> kind = params.nonBlank("kind");
    if (kind.isEmpty()) {
      return failed("paramError", "You must specify a kind: subtitles or captions.");
    }
    if (!kind.get().equals(TextTrack.SUBTITLES) && !kind.get().equals(TextTrack.CAPTIONS)) {
      return failed("invalidKind", "Invalid kind parameter, expected='subtitles|captions' actual=" + kind.get());
    }
    Optional<String> lang = params.nonBlank("lang");
    if (lang.isEmpty()) {
      return failed("paramError", "You must specify a lang.");
    }
    if (!TextTrack.LANGUAGE_TAG.matcher(lang.get()).matches()) {
      return failed("invalidLang", "Malformed lang param, lang=" + lang.get());
    }
    Optional<byte[]> file;
    try {
      file = MultipartForm.field(body, contentType, "file");
    } catch (IllegalArgumentException e) {
      return failed("paramError", NO_FILE);
    }
    if (file.isEmpty()) {
      return failed("paramError", NO_FILE);
    }
    String recordId = recordIdParam.get();
    if (!enabled) {
      return noRecording(recordId);
    }
    if (isBlank(file.get())) {
      return failed("empty_uploaded_text_track", "Empty uploaded text track.");
    }
    Optional<byte[]> webVtt = SubtitleConverter.toWebVtt(file.get());
    if (webVtt.isEmpty()) {
      return failed("upload_text_track_failed", "The text track is neither WebVTT nor SubRip (SRT).");
    }
    TextTrack track = new TextTrack(lang.get(), params.nonBlank("label").orElseGet(() -> languageName(lang.get())),
        kind.get(), TextTrack.UPLOAD);
    return existing(recordId, tenantId).thenCompose(recording -> {
      if (recording.isEmpty()) {
        return noRecording(recordId);
      }
      return placement(recording.get())
          .thenCompose(placement -> blocking.run(() -> tracks.blockingPut(placement, recordId, track, webVtt.get())))
          .handle((stored, failure) -> {
            if (failure != null) {
              log.warn("putRecordingTextTrack {} of {} failed", track.locale(), recordId, failure);
              return json(TextTrackJson.failed("upload_text_track_failed", "Text track upload failed."));
            }
            if (!stored) {
              return json(TextTrackJson.failed("upload_text_track_failed",
                  "The recording has no presentation to add a text track to."));
            }
            return json(TextTrackJson.uploaded(recordId));
          });
    });
  }

  /** The recording unless it is unknown, deleted or another tenant's. */
  private CompletionStage<Optional<Recording>> existing(String recordId, String tenantId) {
    return store.get(recordId).thenApply(found -> found
        .filter(recording -> !recording.state().equals(DELETED))
        .filter(recording -> TenantScope.sees(tenantId, recording)));
  }

  private CompletionStage<Placement> placement(Recording recording) {
    return files.placement(recording.tenantId());
  }

  /** BBB's default label: the language's English name, e.g. {@code English (United States)} for {@code en-US}. */
  private static String languageName(String lang) {
    String name = Locale.forLanguageTag(lang).getDisplayName(Locale.ENGLISH);
    return name.isBlank() ? lang : name;
  }

  private static boolean isBlank(byte[] content) {
    for (byte b : content) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static RecordingsResponse json(byte[] body) {
    return RecordingsResponse.json(body);
  }

  private static CompletionStage<RecordingsResponse> failed(String messageKey, String message) {
    return CompletableFuture.completedStage(json(TextTrackJson.failed(messageKey, message)));
  }

  private static CompletionStage<RecordingsResponse> noRecording(String recordId) {
    return failed("noRecordings", "No recording found for " + recordId);
  }
}
