package io.switchboard.recordings.metadata;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.Thumbnail;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;

/**
 * Reads one BBB {@code <format>/<recordId>/metadata.xml} (bbb-api.md §6) into a {@link Recording} with that one
 * playback format, the way Scalelite's {@code Recording.create_from_metadata_xml} does (spec §9.8), and merges it into
 * the recording already indexed (§9.7 step 2a). Pure: no file access; the parser refuses DTDs, so no XXE.
 *
 * <p>Fields that metadata.xml leaves out or blank (published, state, participants, start and end time, duration) are
 * "not present": the merge keeps the indexed value for them, as Rails' {@code assign_attributes} of only the present
 * keys does. The id, meetingId, playback and link are required. {@code available} states become {@code published}
 * (Scalelite's screenshare workaround); other states outside the schema's list make the file invalid, as the model's
 * validation does.
 */
public final class MetadataXml {
  /** The {@code meta} children Scalelite never stores as metadata. */
  private static final Set<String> INTERNAL_METADATA = Set.of("isBreakout", "meetingId", "meetingName");
  private static final Set<String> STATES = Set.of("processing", "processed", "published", "unpublished", "deleted");
  private static final Comparator<PlaybackFormat> BY_NAME = Comparator.comparing(PlaybackFormat::format);
  private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*([+-]?\\d+)");
  private static final Pattern LEADING_DECIMAL = Pattern.compile("^\\s*([+-]?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)");

  private MetadataXml() {}

  /**
   * The recording {@code metadataXml} describes, with exactly one playback format named {@code formatDirectoryName}
   * (the {@code <format>} directory the file was found in; {@code playback/format}, when given, must agree), not
   * protected and without {@code publishUpdated}. {@code published} is the XML's value, false when absent.
   */
  public static Recording parse(byte[] metadataXml, String formatDirectoryName) throws InvalidMetadataException {
    requireNonNull(metadataXml, "metadataXml");
    requireNonNull(formatDirectoryName, "formatDirectoryName");
    if (formatDirectoryName.isBlank()) {
      throw new IllegalArgumentException("formatDirectoryName: '' (expected: a playback format name)");
    }
    XmlElement recording;
    try {
      recording = XmlElement.parse(metadataXml);
    } catch (XMLStreamException e) {
      throw new InvalidMetadataException("metadata.xml is not well-formed XML: " + e.getMessage(), e);
    }
    if (!recording.name().equals("recording")) {
      throw new InvalidMetadataException(
          "metadata.xml has root <" + recording.name() + "> (expected: <recording>)");
    }
    String recordId = recording.presentText("id").map(String::strip)
        .orElseThrow(() -> new InvalidMetadataException("metadata.xml has no <id>"));
    XmlElement meta = recording.child("meta")
        .orElseThrow(() -> new InvalidMetadataException("metadata.xml of " + recordId + " has no <meta>"));
    String meetingId = meta.presentText("meetingId")
        .orElseThrow(() -> new InvalidMetadataException("metadata.xml of " + recordId + " has no <meta><meetingId>"));
    String name = meta.child("meetingName").map(XmlElement::text).orElse("");
    XmlElement playback = recording.child("playback")
        .orElseThrow(() -> new InvalidMetadataException("metadata.xml of " + recordId + " has no <playback>"));

    return new Recording(
        recordId,
        meetingId,
        name,
        recording.presentText("published").map(text -> text.strip().equals("true")).orElse(false),
        false,
        state(recording, recordId),
        recording.presentText("start_time").map(MetadataXml::toI).orElse(0L),
        recording.presentText("end_time").map(MetadataXml::toI).orElse(0L),
        recording.presentText("participants")
            .map(text -> OptionalInt.of((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, toI(text)))))
            .orElse(OptionalInt.empty()),
        metadata(meta),
        List.of(playbackFormat(playback, formatDirectoryName, recordId)),
        false);
  }

  /**
   * {@code parsed} merged into {@code existing} (§9.7 step 2a): the recording's fields are the parsed ones, except the
   * ones metadata.xml did not give (state, participants, start/end time 0), which keep their indexed value; metadata
   * keys are upserted in place and never deleted; the parsed formats replace formats of the same name or are added,
   * ordered by name. {@code published} is the parsed value; {@code protectedRecording} and {@code publishUpdated}
   * stay the existing ones. The importer applies the published/protected rules of §9.7 steps 2b and 2c afterwards.
   */
  public static Recording merge(Optional<Recording> existing, Recording parsed) {
    requireNonNull(existing, "existing");
    requireNonNull(parsed, "parsed");
    if (existing.isEmpty()) {
      return withFormatsSorted(parsed, parsed.formats());
    }
    Recording stored = existing.get();
    if (!stored.recordId().equals(parsed.recordId())) {
      throw new IllegalArgumentException("parsed: recording " + parsed.recordId() + " (expected: "
          + stored.recordId() + ")");
    }
    Map<String, String> metadata = new LinkedHashMap<>(stored.metadata());
    metadata.putAll(parsed.metadata());
    List<PlaybackFormat> formats = new ArrayList<>(stored.formats());
    for (PlaybackFormat format : parsed.formats()) {
      formats.removeIf(old -> old.format().equals(format.format()));
      formats.add(format);
    }
    formats.sort(BY_NAME);
    return new Recording(
        parsed.recordId(),
        parsed.meetingId(),
        parsed.name(),
        parsed.published(),
        stored.protectedRecording(),
        parsed.state().or(stored::state),
        parsed.startTimeMillis() != 0 ? parsed.startTimeMillis() : stored.startTimeMillis(),
        parsed.endTimeMillis() != 0 ? parsed.endTimeMillis() : stored.endTimeMillis(),
        parsed.participants().isPresent() ? parsed.participants() : stored.participants(),
        metadata,
        formats,
        stored.publishUpdated());
  }

  private static Recording withFormatsSorted(Recording recording, List<PlaybackFormat> formats) {
    List<PlaybackFormat> sorted = new ArrayList<>(formats);
    sorted.sort(BY_NAME);
    return new Recording(recording.recordId(), recording.meetingId(), recording.name(), recording.published(),
        recording.protectedRecording(), recording.state(), recording.startTimeMillis(), recording.endTimeMillis(),
        recording.participants(), recording.metadata(), sorted, recording.publishUpdated());
  }

  private static Optional<String> state(XmlElement recording, String recordId) throws InvalidMetadataException {
    Optional<String> state = recording.presentText("state").map(String::strip)
        .map(value -> value.equals("available") ? "published" : value);
    if (state.isPresent() && !STATES.contains(state.get())) {
      throw new InvalidMetadataException("metadata.xml of " + recordId + " has state '" + state.get()
          + "' (expected: one of processing, processed, published, unpublished, deleted, available)");
    }
    return state;
  }

  private static Map<String, String> metadata(XmlElement meta) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (XmlElement child : meta.children()) {
      if (!INTERNAL_METADATA.contains(child.name())) {
        metadata.put(child.name(), child.text());
      }
    }
    return metadata;
  }

  private static PlaybackFormat playbackFormat(XmlElement playback, String formatDirectoryName, String recordId)
      throws InvalidMetadataException {
    Optional<String> declared = playback.presentText("format").map(String::strip);
    if (declared.isPresent() && !declared.get().equals(formatDirectoryName)) {
      throw new InvalidMetadataException("metadata.xml of " + recordId + " in directory " + formatDirectoryName
          + " declares playback format '" + declared.get() + "'");
    }
    String link = playback.presentText("link").map(String::strip)
        .orElseThrow(() -> new InvalidMetadataException("metadata.xml of " + recordId + " has no <playback><link>"));
    URI linkUri = uri(link, recordId);
    String url = linkUri.getRawPath() == null || linkUri.getRawPath().isEmpty() ? "/" : linkUri.getRawPath();
    if (linkUri.getRawQuery() != null) {
      url = url + "?" + linkUri.getRawQuery();
    }
    OptionalInt length = playback.presentText("duration")
        .map(duration -> OptionalInt.of(roundHalfAwayFromZero(toF(duration) / 60_000)))
        .orElse(OptionalInt.empty());
    return new PlaybackFormat(formatDirectoryName, url, length, OptionalLong.empty(), thumbnails(playback, recordId));
  }

  private static List<Thumbnail> thumbnails(XmlElement playback, String recordId) throws InvalidMetadataException {
    Optional<XmlElement> images = playback.child("extensions")
        .flatMap(extensions -> extensions.child("preview"))
        .flatMap(preview -> preview.child("images"));
    if (images.isEmpty()) {
      return List.of();
    }
    List<Thumbnail> thumbnails = new ArrayList<>();
    for (XmlElement image : images.get().children()) {
      String path = uri(image.text().strip(), recordId).getRawPath();
      thumbnails.add(new Thumbnail(path == null ? "" : path, image.attribute("width"), image.attribute("height"),
          image.attribute("alt"), thumbnails.size()));
    }
    return thumbnails;
  }

  private static URI uri(String text, String recordId) throws InvalidMetadataException {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidMetadataException("metadata.xml of " + recordId + " has an invalid URL '" + text + "': "
          + e.getReason(), e);
    }
  }

  /** Ruby's {@code String#to_i}: the leading integer after optional whitespace, 0 when there is none; saturating. */
  private static long toI(String text) {
    Matcher matcher = LEADING_INTEGER.matcher(text);
    if (!matcher.find()) {
      return 0;
    }
    String digits = matcher.group(1);
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException overflow) {
      return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Ruby's {@code String#to_f}: the leading decimal number, 0.0 when there is none. */
  private static double toF(String text) {
    Matcher matcher = LEADING_DECIMAL.matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0;
  }

  /** Ruby's {@code Float#round}: halves go away from zero; saturating to the int range. */
  private static int roundHalfAwayFromZero(double value) {
    double rounded = Math.signum(value) * Math.floor(Math.abs(value) + 0.5);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, rounded));
  }
}
