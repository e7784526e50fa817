package io.switchboard.recordings.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.recordings.api.GetRecordingsXml.Pagination;
import io.switchboard.recordings.api.GetRecordingsXml.View;
import io.switchboard.storage.RecordingTokenStore.Grant;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.Thumbnail;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GetRecordingsXmlTest {
  private static final String PREFIX = "https://sl.example.com";
  private static final String RID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";
  private static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final Set<String> FORMATS = Set.of("presentation", "video", "podcast");
  private static final View PLAIN = new View(PREFIX, false, FORMATS);
  private static final View PROTECTING = new View(PREFIX, true, FORMATS);

  private static final String HEAD = "<?xml version=\"1.0\"?>\n<response><returncode>SUCCESS</returncode>";

  @Test
  void writesARecordingInScalelitesElementOrder() {
    String expected = HEAD + "<recordings><recording>"
        + "<recordID>" + RID + "</recordID><meetingID>meeting-1</meetingID>"
        + "<internalMeetingID>" + RID + "</internalMeetingID><name>Weekly sync</name>"
        + "<published>true</published><state>published</state>"
        + "<startTime>1700000000000</startTime><endTime>1700003600123</endTime><participants>7</participants>"
        + "<metadata><gl-listed>true</gl-listed><bbb-context><![CDATA[]]></bbb-context>"
        + "<tenant-id>t1</tenant-id></metadata>"
        + "<playback>"
        + "<format><type>presentation</type><url>" + PREFIX + "/playback/presentation/2.3/" + RID + "</url>"
        + "<length>61</length><preview><images>"
        + "<image alt=\"Welcome\" width=\"176\" height=\"136\">" + PREFIX + "/presentation/" + RID
        + "/presentation/d2d9a672/thumbnails/thumb-1.png</image>"
        + "<image alt=\"\" width=\"176\" height=\"136\">" + PREFIX + "/presentation/" + RID
        + "/presentation/d2d9a672/thumbnails/thumb-2.png</image>"
        + "</images></preview></format>"
        + "<format><type>video</type><url>" + PREFIX + "/playback/video/" + RID + "/</url>"
        + "<length>61</length><processingTime>12345</processingTime></format>"
        + "</playback></recording></recordings></response>";

    assertThat(write(List.of(fullRecording(false)), PLAIN, Map.of(), Optional.empty())).isEqualTo(expected);
  }

  @Test
  void listsProtectionOnlyWhenProtectedRecordingsAreOn() {
    Recording recording = minimal(RID, true);

    assertThat(write(List.of(recording), PLAIN, Map.of(), Optional.empty()))
        .doesNotContain("<protected>")
        .contains("<url>" + PREFIX + "/podcast/" + RID + "/audio.ogg</url>");
    assertThat(write(List.of(minimal(RID, false)), PROTECTING, Map.of(), Optional.empty()))
        .contains("<published>true</published><protected>false</protected><state>published</state><startTime>");
  }

  @Test
  void givesProtectedRecordingsTokenLinksAndNoPreviews() {
    Recording recording = fullRecording(true);
    List<Grant> grants = GetRecordingsXml.protectedLinks(List.of(recording), PROTECTING);
    assertThat(grants).containsExactly(new Grant(RID, "presentation"), new Grant(RID, "video"));

    String xml = write(List.of(recording), PROTECTING,
        Map.of(grants.get(0), TOKEN, grants.get(1), TOKEN.replace('0', 'f')), Optional.empty());

    assertThat(xml)
        .contains("<published>true</published><protected>true</protected><state>published</state>")
        .contains("<format><type>presentation</type><url>" + PREFIX + "/recording/" + RID + "/presentation?token="
            + TOKEN + "</url><length>61</length></format>")
        .contains("<format><type>video</type><url>" + PREFIX + "/recording/" + RID + "/video?token="
            + TOKEN.replace('0', 'f') + "</url><length>61</length><processingTime>12345</processingTime></format>")
        .doesNotContain("<preview>");
  }

  @Test
  void protectedRecordingsNeedNoTokenWhileProtectionIsOff() {
    assertThat(GetRecordingsXml.protectedLinks(List.of(fullRecording(true)), PLAIN)).isEmpty();
    assertThat(write(List.of(fullRecording(true)), PLAIN, Map.of(), Optional.empty()))
        .contains("<url>" + PREFIX + "/playback/presentation/2.3/" + RID + "</url>").contains("<preview>");
  }

  @Test
  void refusesToWriteAProtectedLinkWithoutItsToken() {
    assertThatThrownBy(() -> write(List.of(fullRecording(true)), PROTECTING, Map.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
  }

  @Test
  void leavesOutFormatsThatAreNotPlaybackFormats() {
    View presentationOnly = new View(PREFIX, true, Set.of("presentation"));
    Recording recording = fullRecording(true);

    assertThat(GetRecordingsXml.protectedLinks(List.of(recording), presentationOnly))
        .containsExactly(new Grant(RID, "presentation"));
    assertThat(write(List.of(recording), new View(PREFIX, false, Set.of("notes")), Map.of(), Optional.empty()))
        .contains("</metadata><playback/></recording>");
  }

  @Test
  void answersAnEmptyListWithScalelitesNoRecordingsMessage() {
    assertThat(write(List.of(), PLAIN, Map.of(), Optional.empty())).isEqualTo(HEAD
        + "<recordings/><messageKey>noRecordings</messageKey>"
        + "<message>There are not recordings for the meetings</message></response>");
  }

  @Test
  void appendsBbbsPaginationBlockAfterTheRecordings() {
    Recording recording = minimal(RID, false);
    String xml = write(List.of(recording), PLAIN, Map.of(), Optional.of(new Pagination(10, 5, 11)));

    assertThat(xml).endsWith("</recording></recordings><pagination><pageable><offset>10</offset><limit>5</limit>"
        + "<paged>true</paged><unpaged>false</unpaged></pageable><totalElements>11</totalElements>"
        + "<empty>false</empty></pagination></response>");
    assertThat(write(List.of(), PLAIN, Map.of(), Optional.of(new Pagination(20, 5, 11)))).isEqualTo(HEAD
        + "<recordings/><messageKey>noRecordings</messageKey>"
        + "<message>There are not recordings for the meetings</message><pagination><pageable><offset>20</offset>"
        + "<limit>5</limit><paged>true</paged><unpaged>false</unpaged></pageable><totalElements>11</totalElements>"
        + "<empty>true</empty></pagination></response>");
  }

  @Test
  void writesAMinimalRecordingWithEmptyElementsAndWithoutOptionalOnes() {
    Recording recording = new Recording(RID, "", "", false, false, Optional.empty(), 0, 0, OptionalInt.empty(),
        Map.of(), List.of(new PlaybackFormat("presentation", "/p", OptionalInt.empty(), OptionalLong.empty(),
            List.of())), false);

    assertThat(write(List.of(recording), PLAIN, Map.of(), Optional.empty())).isEqualTo(HEAD
        + "<recordings><recording><recordID>" + RID + "</recordID><meetingID/><internalMeetingID>" + RID
        + "</internalMeetingID><name/><published>false</published><startTime>0</startTime><endTime>0</endTime>"
        + "<metadata/><playback><format><type>presentation</type><url>" + PREFIX + "/p</url><length/></format>"
        + "</playback></recording></recordings></response>");
  }

  @Test
  void escapesTextAndAttributesAndSkipsKeysThatCannotBeElementNames() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("note", "a < b & \"c\" 'd' \u0001");
    metadata.put("bad key", "x");
    metadata.put("<script>", "y");
    Recording recording = new Recording(RID, "m&1", "Tom & Jerry <live>", true, false, Optional.of("published"),
        1, 2, OptionalInt.empty(), metadata, List.of(new PlaybackFormat("presentation", "/p?a=1&b=2",
            OptionalInt.of(3), OptionalLong.empty(), List.of(new Thumbnail("/t.png", "1\"", "2", "<x>", 0)))),
        false);

    assertThat(write(List.of(recording), PLAIN, Map.of(), Optional.empty()))
        .contains("<meetingID>m&amp;1</meetingID>")
        .contains("<name>Tom &amp; Jerry &lt;live&gt;</name>")
        .contains("<metadata><note>a &lt; b &amp; &quot;c&quot; &apos;d&apos; \uFFFD</note></metadata>")
        .contains("<url>" + PREFIX + "/p?a=1&amp;b=2</url>")
        .contains("<image alt=\"&lt;x&gt;\" width=\"1&quot;\" height=\"2\">" + PREFIX + "/t.png</image>");
  }

  @Test
  void writesEveryRecordingInTheGivenOrder() {
    String xml = write(List.of(minimal("b-2", false), minimal("a-1", false)), PLAIN, Map.of(), Optional.empty());

    assertThat(xml.indexOf("<recordID>b-2</recordID>")).isLessThan(xml.indexOf("<recordID>a-1</recordID>"));
  }

  private static String write(List<Recording> recordings, View view, Map<Grant, String> tokens,
      Optional<Pagination> pagination) {
    return new String(GetRecordingsXml.write(recordings, view, tokens, pagination), StandardCharsets.UTF_8);
  }

  private static Recording fullRecording(boolean protectedRecording) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("gl-listed", "true");
    metadata.put("bbb-context", " ");
    metadata.put("tenant-id", "t1");
    PlaybackFormat presentation = new PlaybackFormat("presentation", "/playback/presentation/2.3/" + RID,
        OptionalInt.of(61), OptionalLong.empty(), List.of(
            new Thumbnail("/presentation/" + RID + "/presentation/d2d9a672/thumbnails/thumb-1.png", "176", "136",
                "Welcome", 0),
            new Thumbnail("/presentation/" + RID + "/presentation/d2d9a672/thumbnails/thumb-2.png", "176", "136",
                "", 1)));
    PlaybackFormat video = new PlaybackFormat("video", "/playback/video/" + RID + "/", OptionalInt.of(61),
        OptionalLong.of(12345), List.of());
    return new Recording(RID, "meeting-1", "Weekly sync", true, protectedRecording, Optional.of("published"),
        1_700_000_000_000L, 1_700_003_600_123L, OptionalInt.of(7), metadata, List.of(presentation, video), false);
  }

  private static Recording minimal(String recordId, boolean protectedRecording) {
    return new Recording(recordId, "m", "n", true, protectedRecording, Optional.of("published"), 1, 2,
        OptionalInt.empty(), Map.of(), List.of(new PlaybackFormat("podcast", "/podcast/" + recordId + "/audio.ogg",
            OptionalInt.of(1), OptionalLong.empty(), List.of())), false);
  }
}
