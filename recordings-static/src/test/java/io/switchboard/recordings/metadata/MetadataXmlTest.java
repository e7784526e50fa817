package io.switchboard.recordings.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.Thumbnail;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataXmlTest {
  private static final String RID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";

  private static String fixture(String name) throws IOException {
    try (InputStream in = MetadataXmlTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Recording parse(String xml, String format) throws InvalidMetadataException {
    return MetadataXml.parse(xml.getBytes(StandardCharsets.UTF_8), format);
  }

  /** A minimal valid metadata.xml with {@code recordingChildren} inserted before {@code <meta>}. */
  private static String minimal(String recordingChildren, String playbackChildren) {
    return "<recording><id>" + RID + "</id>" + recordingChildren
        + "<meta><meetingId>m-1</meetingId></meta>"
        + "<playback><link>https://bbb/playback/presentation/2.3/" + RID + "</link>" + playbackChildren
        + "</playback></recording>";
  }

  @Test
  void readsEveryFieldOfAPresentationWithPreviewImages() throws Exception {
    Recording recording = parse(fixture("presentation.xml"), "presentation");

    assertThat(recording.recordId()).isEqualTo(RID);
    assertThat(recording.meetingId()).isEqualTo("physics-101");
    assertThat(recording.name()).isEqualTo("Physics 101");
    assertThat(recording.published()).isTrue();
    assertThat(recording.protectedRecording()).isFalse();
    assertThat(recording.publishUpdated()).isFalse();
    assertThat(recording.state()).contains("published");
    assertThat(recording.startTimeMillis()).isEqualTo(1700000000000L);
    assertThat(recording.endTimeMillis()).isEqualTo(1700003723456L);
    assertThat(recording.participants()).isEqualTo(OptionalInt.of(7));
    assertThat(recording.metadata()).containsExactly(
        entry("gl-listed", "true"),
        entry("bbb-origin", "Greenlight"),
        entry("bbb-origin-version", "v3"),
        entry("bbb-origin-server-name", "gl.example.com"),
        entry("bbb-recording-ready-url", "https://gl.example.com/recording_ready?room=physics-101&x=1"),
        entry("bbb-context", "Lecture <3> & lab"),
        entry("tenant-id", "tenant-a"),
        entry("gl-description", ""));
    assertThat(recording.tenantId()).isEqualTo("tenant-a");

    assertThat(recording.formats()).hasSize(1);
    PlaybackFormat format = recording.formats().get(0);
    assertThat(format.format()).isEqualTo("presentation");
    assertThat(format.url()).isEqualTo("/playback/presentation/2.3/" + RID);
    assertThat(format.lengthMinutes()).isEqualTo(OptionalInt.of(62));
    assertThat(format.processingTimeMillis()).isEqualTo(OptionalLong.empty());
    String thumbnails = "/presentation/" + RID
        + "/presentation/d2d9a672040fbde2a47a10bf6c37b6a4b5ae187f-1700000000100/thumbnails/";
    assertThat(format.thumbnails())
        .extracting(Thumbnail::url, Thumbnail::width, Thumbnail::height, Thumbnail::alt, Thumbnail::sequence)
        .containsExactly(
            tuple(thumbnails + "thumb-1.png", "176", "136", "Welcome to Physics", 0),
            tuple(thumbnails + "thumb-2.png", "176", "136", "Newton's laws", 1),
            tuple(thumbnails + "thumb-3.png", "176", "136", "", 2));
  }

  @Test
  void readsVideoAndPodcastLinksAsPathsWithoutHost() throws Exception {
    Recording video = parse(fixture("video.xml"), "video");
    Recording podcast = parse(fixture("podcast.xml"), "podcast");

    assertThat(video.formats()).singleElement().satisfies(format -> {
      assertThat(format.format()).isEqualTo("video");
      assertThat(format.url()).isEqualTo("/playback/video/" + RID + "/");
      assertThat(format.lengthMinutes()).isEqualTo(OptionalInt.of(62));
      assertThat(format.thumbnails()).isEmpty();
    });
    assertThat(podcast.formats()).singleElement().satisfies(format -> {
      assertThat(format.url()).isEqualTo("/podcast/" + RID + "/audio.ogg");
      assertThat(format.lengthMinutes()).isEqualTo(OptionalInt.of(62));
    });
    assertThat(podcast.metadata()).isEmpty();
  }

  @Test
  void keepsTheQueryOfTheLink() throws Exception {
    Recording recording = parse(minimal("", "").replace("2.3/" + RID, "2.3/" + RID + "?t=12&amp;lang=de"),
        "presentation");

    assertThat(recording.formats().get(0).url()).isEqualTo("/playback/presentation/2.3/" + RID + "?t=12&lang=de");
  }

  @Test
  void rewritesTheAvailableStateOfScreenshareRecordingsToPublished() throws Exception {
    Recording recording = parse(fixture("screenshare.xml"), "screenshare");

    assertThat(recording.state()).contains("published");
    assertThat(recording.participants()).isEmpty();
    assertThat(recording.formats().get(0).url()).isEqualTo("/recording/screenshare/" + RID + "/");
  }

  @Test
  void neverStoresTheInternalMetadataOfABreakoutRoom() throws Exception {
    Recording recording = parse(fixture("breakout.xml"), "presentation");

    assertThat(recording.meetingId()).isEqualTo("physics-101-breakout-1");
    assertThat(recording.name()).isEqualTo("Physics 101 (Room 1)");
    assertThat(recording.metadata()).containsExactly(
        entry("parentMeetingId", RID), entry("sequence", "1"));
    assertThat(recording.formats().get(0).lengthMinutes()).isEqualTo(OptionalInt.of(15));
  }

  @Test
  void leavesOutWhatTheFileDoesNotGive() throws Exception {
    Recording recording = parse(minimal("", ""), "presentation");

    assertThat(recording.name()).isEmpty();
    assertThat(recording.published()).isFalse();
    assertThat(recording.state()).isEmpty();
    assertThat(recording.participants()).isEmpty();
    assertThat(recording.startTimeMillis()).isZero();
    assertThat(recording.endTimeMillis()).isZero();
    assertThat(recording.metadata()).isEmpty();
    assertThat(recording.formats().get(0).lengthMinutes()).isEmpty();
    assertThat(recording.formats().get(0).thumbnails()).isEmpty();
  }

  @Test
  void treatsBlankElementsAsAbsentAsRailsPresentDoes() throws Exception {
    Recording recording = parse(minimal("<state> </state><participants></participants><start_time/>"
        + "<published>\n</published>", "<duration> </duration>"), "presentation");

    assertThat(recording.state()).isEmpty();
    assertThat(recording.participants()).isEmpty();
    assertThat(recording.startTimeMillis()).isZero();
    assertThat(recording.published()).isFalse();
    assertThat(recording.formats().get(0).lengthMinutes()).isEmpty();
  }

  @ParameterizedTest(name = "duration {0} ms is {1} minutes")
  @CsvSource({
      "0, 0", "29999, 0", "30000, 1", "89999, 1", "90000, 2", "3723456, 62", "3600000.9, 60", "'  120000ms', 2",
      "abc, 0"})
  void roundsTheDurationToMinutesAsRubyDoes(String duration, int minutes) throws Exception {
    Recording recording = parse(minimal("", "<duration>" + duration + "</duration>"), "presentation");

    assertThat(recording.formats().get(0).lengthMinutes()).isEqualTo(OptionalInt.of(minutes));
  }

  @ParameterizedTest(name = "participants {0} is {1}")
  @CsvSource({"7, 7", "' 12 ', 12", "3 people, 3", "none, 0", "99999999999, 2147483647"})
  void readsNumbersAsRubyToIDoes(String participants, int expected) throws Exception {
    Recording recording = parse(minimal("<participants>" + participants + "</participants>"), "presentation");

    assertThat(recording.participants()).isEqualTo(OptionalInt.of(expected));
  }

  private static String minimal(String recordingChildren) {
    return minimal(recordingChildren, "");
  }

  @ParameterizedTest(name = "published {0} is {1}")
  @CsvSource({"true, true", "false, false", "TRUE, false", "' true ', true", "yes, false"})
  void publishedIsTrueOnlyForTheWordTrue(String published, boolean expected) throws Exception {
    Recording recording = parse(minimal("<published>" + published + "</published>"), "presentation");

    assertThat(recording.published()).isEqualTo(expected);
  }

  @Test
  void aRepeatedMetadataKeyKeepsItsFirstPlaceAndLastValue() throws Exception {
    Recording recording = parse("<recording><id>" + RID + "</id><meta><a>1</a><meetingId>m</meetingId><b>2</b>"
        + "<a>3</a></meta><playback><link>https://h/p</link></playback></recording>", "presentation");

    assertThat(recording.metadata()).containsExactly(entry("a", "3"), entry("b", "2"));
  }

  @Test
  void acceptsAFormatElementThatNamesItsDirectory() throws Exception {
    Recording recording = parse(minimal("", "<format> presentation </format>"), "presentation");

    assertThat(recording.formats().get(0).format()).isEqualTo("presentation");
  }

  private static final String META = "<meta><meetingId>m</meetingId></meta>";
  private static final String PLAYBACK = "<playback><link>https://h/p</link></playback>";

  private static String recording(String... children) {
    return "<recording>" + String.join("", children) + "</recording>";
  }

  static Stream<Arguments> unusableFiles() {
    String id = "<id>r-1</id>";
    return Stream.of(
        Arguments.of("not XML", "this is not xml", "not well-formed"),
        Arguments.of("unclosed", "<recording><id>r-1</id>", "not well-formed"),
        Arguments.of("wrong root", "<response><id>x</id></response>", "root <response>"),
        Arguments.of("no id", recording(META, PLAYBACK), "no <id>"),
        Arguments.of("blank id", recording("<id> </id>", META, PLAYBACK), "no <id>"),
        Arguments.of("no meta", recording(id, PLAYBACK), "no <meta>"),
        Arguments.of("no meetingId", recording(id, "<meta><meetingName>n</meetingName></meta>", PLAYBACK),
            "no <meta><meetingId>"),
        Arguments.of("no playback", recording(id, META), "no <playback>"),
        Arguments.of("no link", recording(id, META, "<playback><format>presentation</format></playback>"),
            "no <playback><link>"),
        Arguments.of("blank link", recording(id, META, "<playback><link>  </link></playback>"),
            "no <playback><link>"),
        Arguments.of("invalid link", recording(id, META, "<playback><link>https://h/a b</link></playback>"),
            "invalid URL"),
        Arguments.of("invalid thumbnail", recording(id, META, "<playback><link>https://h/p</link><extensions>"
            + "<preview><images><image>https://h/a b.png</image></images></preview></extensions></playback>"),
            "invalid URL"),
        Arguments.of("unknown state", recording(id, "<state>exploded</state>", META, PLAYBACK), "state 'exploded'"),
        Arguments.of("another format", recording(id, META,
            "<playback><format>video</format><link>https://h/p</link></playback>"), "declares playback format"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableFiles")
  void refusesUnusableFilesWithAClearMessage(String description, String xml, String message) {
    assertThatExceptionOfType(InvalidMetadataException.class)
        .isThrownBy(() -> parse(xml, "presentation"))
        .withMessageContaining(message);
  }

  @Test
  void refusesADoctypeSoNoExternalEntityIsEverRead(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE recording [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>"
        + "<recording><id>r-1</id><meta><meetingId>&leak;</meetingId></meta>"
        + "<playback><link>https://h/p</link></playback></recording>";

    assertThatExceptionOfType(InvalidMetadataException.class)
        .isThrownBy(() -> parse(xml, "presentation"))
        .withMessageContaining("DTD")
        .withMessageNotContaining("TOP-SECRET");
  }

  @Test
  void refusesTheBillionLaughs() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE recording [<!ENTITY l0 \"ha\">");
    for (int i = 1; i < 10; i++) {
      xml.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    xml.append("]><recording><id>&l9;</id></recording>");

    assertThatExceptionOfType(InvalidMetadataException.class)
        .isThrownBy(() -> parse(xml.toString(), "presentation"))
        .withMessageContaining("DTD");
  }

  @Test
  void refusesAnAbsurdlyDeepDocument() {
    String xml = "<recording>" + "<a>".repeat(100) + "</a>".repeat(100) + "</recording>";

    assertThatExceptionOfType(InvalidMetadataException.class)
        .isThrownBy(() -> parse(xml, "presentation"))
        .withMessageContaining("deeper than");
  }

  @Test
  void mergeIntoNothingIsTheParsedRecording() throws Exception {
    Recording parsed = parse(fixture("presentation.xml"), "presentation");

    assertThat(MetadataXml.merge(Optional.empty(), parsed)).isEqualTo(parsed);
  }

  @Test
  void mergeAddsAFormatAndOrdersFormatsByName() throws Exception {
    Recording video = parse(fixture("video.xml"), "video");
    Recording presentation = parse(fixture("presentation.xml"), "presentation");
    Recording podcast = parse(fixture("podcast.xml"), "podcast");

    Recording merged = MetadataXml.merge(
        Optional.of(MetadataXml.merge(Optional.of(video), presentation)), podcast);

    assertThat(merged.formats()).extracting(PlaybackFormat::format)
        .containsExactly("podcast", "presentation", "video");
    assertThat(merged.format("presentation").orElseThrow().thumbnails()).hasSize(3);
  }

  @Test
  void mergeReplacesAFormatWithTheSameNameAndItsThumbnails() throws Exception {
    Recording first = parse(fixture("presentation.xml"), "presentation");
    Recording again = parse(fixture("presentation.xml")
        .replaceAll("(?s)<extensions>.*</extensions>", "")
        .replace("<duration>3723456</duration>", "<duration>60000</duration>"), "presentation");

    Recording merged = MetadataXml.merge(Optional.of(first), again);

    assertThat(merged.formats()).singleElement().satisfies(format -> {
      assertThat(format.thumbnails()).isEmpty();
      assertThat(format.lengthMinutes()).isEqualTo(OptionalInt.of(1));
    });
  }

  @Test
  void mergeUpsertsMetadataAndNeverDeletesAKey() throws Exception {
    Recording stored = parse(fixture("presentation.xml"), "presentation")
        .withMetadata(Map.of("added-by-update", "yes", "gl-listed", "false"));
    Recording parsed = parse(fixture("video.xml"), "video");

    Recording merged = MetadataXml.merge(Optional.of(stored), parsed);

    assertThat(merged.metadata()).containsOnly(
        entry("added-by-update", "yes"), entry("gl-listed", "true"), entry("tenant-id", "tenant-a"));
  }

  @Test
  void mergeOverwritesTheRecordingFieldsButKeepsWhatTheFileLeftOut() throws Exception {
    Recording stored = new Recording(RID, "old-meeting", "Old name", false, true, Optional.of("unpublished"),
        1L, 2L, OptionalInt.of(4), Map.of(), List.of(), true);
    Recording bare = parse(minimal("<published>true</published>"), "presentation");
    Recording full = parse(fixture("presentation.xml"), "presentation");

    Recording fromBare = MetadataXml.merge(Optional.of(stored), bare);
    Recording fromFull = MetadataXml.merge(Optional.of(stored), full);

    assertThat(fromBare.meetingId()).isEqualTo("m-1");
    assertThat(fromBare.name()).isEmpty();
    assertThat(fromBare.state()).contains("unpublished");
    assertThat(fromBare.startTimeMillis()).isEqualTo(1L);
    assertThat(fromBare.endTimeMillis()).isEqualTo(2L);
    assertThat(fromBare.participants()).isEqualTo(OptionalInt.of(4));
    assertThat(fromFull.state()).contains("published");
    assertThat(fromFull.startTimeMillis()).isEqualTo(1700000000000L);
    assertThat(fromFull.participants()).isEqualTo(OptionalInt.of(7));
    assertThat(List.of(fromBare, fromFull)).allSatisfy(merged -> {
      assertThat(merged.published()).as("published comes from the file").isTrue();
      assertThat(merged.protectedRecording()).as("protected stays").isTrue();
      assertThat(merged.publishUpdated()).as("publishUpdated stays").isTrue();
    });
  }

  @Test
  void mergeRefusesAnotherRecording() throws Exception {
    Recording stored = parse(fixture("breakout.xml"), "presentation");
    Recording parsed = parse(fixture("presentation.xml"), "presentation");

    assertThatIllegalArgumentException().isThrownBy(() -> MetadataXml.merge(Optional.of(stored), parsed))
        .withMessageContaining(RID);
  }
}
