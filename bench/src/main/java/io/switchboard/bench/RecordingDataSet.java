package io.switchboard.bench;

import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.Thumbnail;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A reproducible recordings index shaped like a Scalelite deployment's, for {@link RecordingQueryBench}.
 *
 * <ul>
 *   <li>Meetings: front-end meetingIDs, half Greenlight-style ({@code abc-d3f-gh1-jk2}), half Moodle-style (40 hex
 *       digits, course and activity ids); each has 1–10 recordings (uniform), the last one cut so the total is
 *       exact. For 100,000 recordings that is about 18,000 meetings.</li>
 *   <li>Record ids as BBB makes them: SHA-1 of the meetingID, a dash, the start time in ms; a meeting's recordings
 *       are sessions 1–14 days apart within the two years before 2025-11-24.</li>
 *   <li>State: 92 % published, 6 % unpublished, 2 % deleted (a deleted recording keeps only its row, as
 *       deleteRecordings leaves it).</li>
 *   <li>Metadata: 3–8 keys: {@code bbb-origin}, {@code bbb-origin-version}, {@code bbb-origin-server-name}, then 0–5
 *       of the other keys Greenlight and Moodle send.</li>
 *   <li>Formats: {@code presentation} plus 0–2 of video, podcast, notes, screenshare (1–3 formats); presentation has
 *       1–3 thumbnails.</li>
 * </ul>
 */
final class RecordingDataSet {
  /** 2025-11-24T16:00:00Z: the data set does not depend on the day it is generated. */
  private static final long REFERENCE_MILLIS = 1_764_000_000_000L;
  private static final long DAY_MILLIS = 86_400_000L;
  private static final String[] OPTIONAL_KEYS = {"bbb-context", "bbb-context-id", "bbb-context-name",
      "bbb-context-label", "bbb-recording-ready-url", "bbb-recording-name", "bbb-recording-description",
      "gl-listed", "bbb-origin-server-common-name", "bbb-origin-tag", "analytics-callback-url"};
  private static final String[] OTHER_FORMATS = {"video", "podcast", "notes", "screenshare"};

  /** One meeting and its recordings; {@code visible} counts those getRecordings lists by default. */
  record Meeting(String meetingId, List<Recording> recordings, int visible) {}

  private final List<Meeting> meetings;
  private final int recordings;

  private RecordingDataSet(List<Meeting> meetings, int recordings) {
    this.meetings = meetings;
    this.recordings = recordings;
  }

  List<Meeting> meetings() {
    return meetings;
  }

  int recordingCount() {
    return recordings;
  }

  long metadataRows() {
    return meetings.stream().flatMap(m -> m.recordings().stream()).mapToLong(r -> r.metadata().size()).sum();
  }

  long formatRows() {
    return meetings.stream().flatMap(m -> m.recordings().stream()).mapToLong(r -> r.formats().size()).sum();
  }

  long thumbnailRows() {
    return meetings.stream().flatMap(m -> m.recordings().stream()).flatMap(r -> r.formats().stream())
        .mapToLong(f -> f.thumbnails().size()).sum();
  }

  static RecordingDataSet generate(int total, long seed) {
    Random random = new Random(seed);
    List<Meeting> meetings = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    int made = 0;
    int meetingNumber = 0;
    while (made < total) {
      meetingNumber++;
      boolean moodle = random.nextBoolean();
      String meetingId = moodle ? moodleId(random, meetingNumber) : greenlightId(random);
      if (!seen.add(meetingId)) {
        continue;
      }
      String name = moodle ? "Course " + (1 + random.nextInt(900)) + " lecture " + meetingNumber
          : "Room " + meetingNumber;
      String internal = sha1(meetingId);
      int count = Math.min(total - made, 1 + random.nextInt(10));
      long start = REFERENCE_MILLIS - (long) (random.nextDouble() * 2 * 365 * DAY_MILLIS);
      List<Recording> list = new ArrayList<>(count);
      int visible = 0;
      for (int i = 0; i < count; i++) {
        start -= DAY_MILLIS + (long) (random.nextDouble() * 13 * DAY_MILLIS);
        Recording recording = recording(random, internal + "-" + start, meetingId, name, start, moodle);
        list.add(recording);
        if (!recording.state().equals(Optional.of("deleted"))) {
          visible++;
        }
      }
      meetings.add(new Meeting(meetingId, List.copyOf(list), visible));
      made += count;
    }
    return new RecordingDataSet(List.copyOf(meetings), made);
  }

  private static Recording recording(Random random, String recordId, String meetingId, String name, long start,
      boolean moodle) {
    double stateDraw = random.nextDouble();
    boolean published = stateDraw < 0.92;
    boolean deleted = stateDraw >= 0.98;
    int minutes = 5 + random.nextInt(146);
    long end = start + minutes * 60_000L;

    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("bbb-origin", moodle ? "Moodle" : "Greenlight");
    metadata.put("bbb-origin-version", moodle ? "4.1.5 (Build: 20231009)" : "3.1.0");
    metadata.put("bbb-origin-server-name", moodle ? "moodle.example.edu" : "greenlight.example.com");
    List<String> optional = new ArrayList<>(List.of(OPTIONAL_KEYS));
    Collections.shuffle(optional, random);
    int extra = random.nextInt(6);
    for (int i = 0; i < extra; i++) {
      String key = optional.get(i);
      metadata.put(key, switch (key) {
        case "gl-listed" -> Boolean.toString(random.nextBoolean());
        case "bbb-recording-ready-url" -> "https://" + metadata.get("bbb-origin-server-name")
            + "/recording_ready?meeting=" + meetingId;
        case "analytics-callback-url" -> "https://analytics.example.com/callback/" + random.nextInt(1_000_000);
        default -> key.substring(4) + " " + random.nextInt(100_000);
      });
    }

    List<String> names = new ArrayList<>();
    names.add("presentation");
    List<String> others = new ArrayList<>(List.of(OTHER_FORMATS));
    Collections.shuffle(others, random);
    int otherCount = random.nextInt(3);
    names.addAll(others.subList(0, otherCount));
    names.sort(Comparator.naturalOrder());
    List<PlaybackFormat> formats = new ArrayList<>(names.size());
    for (String format : names) {
      List<Thumbnail> thumbnails = new ArrayList<>();
      if (format.equals("presentation")) {
        String presentation = sha1(recordId + "/slides");
        int thumbnailCount = 1 + random.nextInt(3);
        for (int i = 0; i < thumbnailCount; i++) {
          thumbnails.add(new Thumbnail("/presentation/" + recordId + "/presentation/" + presentation + "-"
              + start + "/thumbnails/thumb-" + (i + 1) + ".png", "176", "136", "Slide " + (i + 1), i));
        }
      }
      String url = switch (format) {
        case "presentation" -> "/playback/presentation/2.3/" + recordId;
        case "video" -> "/playback/video/" + recordId + "/";
        default -> "/" + format + "/" + recordId + "/";
      };
      formats.add(new PlaybackFormat(format, url, OptionalInt.of(minutes), OptionalLong.empty(), thumbnails));
    }
    Recording recording = new Recording(recordId, meetingId, name, published, false,
        Optional.of(published ? "published" : "unpublished"), start, end, OptionalInt.of(1 + random.nextInt(80)),
        metadata, formats, false);
    return deleted ? recording.deleted() : recording;
  }

  private static String greenlightId(Random random) {
    StringBuilder id = new StringBuilder(15);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int group = 0; group < 4; group++) {
      if (group > 0) {
        id.append('-');
      }
      for (int i = 0; i < 3; i++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return id.toString();
  }

  private static String moodleId(Random random, int number) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes) + "-" + (2 + random.nextInt(900)) + "-" + number;
  }

  static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
