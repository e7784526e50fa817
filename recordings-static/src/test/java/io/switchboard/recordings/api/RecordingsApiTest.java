package io.switchboard.recordings.api;

import static io.switchboard.recordings.files.RecordingFixtures.FORMATS;
import static io.switchboard.recordings.files.RecordingFixtures.formatDirectory;
import static io.switchboard.recordings.files.RecordingFixtures.presentation;
import static io.switchboard.recordings.files.RecordingFixtures.recording;
import static io.switchboard.recordings.files.RecordingFixtures.video;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.RecordingsConfig;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.files.RecordingFixtures;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbXml;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.RecordingTokenStore.Grant;
import io.switchboard.storage.Stores;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordingsApiTest {
  private static final String PREFIX = "https://sl.example.com";
  private static final String R1 = "aaaa000000000000000000000000000000000001-1700000000000";
  private static final String R2 = "aaaa000000000000000000000000000000000001-1700000100000";
  private static final String R3 = "bbbb000000000000000000000000000000000002-1700000200000";
  private static final String XML = "application/xml; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";
  private static final Pattern TOKEN_LINK =
      Pattern.compile("/recording/([A-Za-z0-9-]+)/([a-z]+)\\?token=([0-9a-f]{64})</url>");

  @TempDir Path root;
  private Stores stores;
  private RecordingStore store;
  private RecordingTokenStore tokens;
  private ExecutorService blocking;
  private Path published;
  private Path unpublished;
  private RecordingsApi api;

  @BeforeEach
  void setUp() {
    stores = Stores.inMemory();
    store = stores.recordings();
    tokens = stores.recordingTokens();
    blocking = Executors.newFixedThreadPool(2);
    published = root.resolve("published");
    unpublished = root.resolve("unpublished");
    api = api(RecordingFixtures.config(root));
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    blocking.shutdownNow();
    assertThat(blocking.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    stores.close();
  }

  @Test
  void answersAnUnknownCallWithUnsupportedRequest() throws Exception {
    RecordingsResponse response = call("getMeetings", "");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo(XML);
    assertThat(body(response)).contains("<messageKey>unsupportedRequest</messageKey>");
  }

  @Nested
  class GetRecordings {

    @Test
    void listsPublishedAndUnpublishedRecordingsNewestFirstWithLinksOnTheCallersHost() throws Exception {
      save(recording(R1, "m1", 1_000));
      save(recording(R2, "m1", 2_000).withPublished(false));
      save(recording(R3, "m2", 3_000).deleted());
      save(new Recording("cccc-1", "m3", "p", false, false, Optional.of("processing"), 4_000, 5_000,
          OptionalInt.empty(), Map.of(), List.of(), false));

      RecordingsResponse response = call("getRecordings", "");
      String xml = body(response);

      assertThat(response.contentType()).isEqualTo(XML);
      assertThat(xml).startsWith("<?xml version=\"1.0\"?>\n<response><returncode>SUCCESS</returncode><recordings>")
          .contains("<url>" + PREFIX + "/playback/presentation/2.3/" + R1 + "</url>")
          .contains("<image alt=\"Welcome\" width=\"176\" height=\"136\">" + PREFIX + "/presentation/" + R1
              + "/thumb-1.png</image>")
          .doesNotContain(R3).doesNotContain("cccc-1").doesNotContain("<pagination>");
      assertThat(xml.indexOf("<recordID>" + R2)).isLessThan(xml.indexOf("<recordID>" + R1));
      assertThat(body(call("getRecordings", "state=any"))).contains(R1, R2, R3, "cccc-1");
      assertThat(body(call("getRecordings", "state=deleted"))).contains(R3).doesNotContain(R1);
    }

    @Test
    void filtersByRecordIdPrefixMeetingIdAndMetadata() throws Exception {
      save(recording(R1, "m1", 1_000));
      save(recording(R2, "m1", 2_000).withMetadata(Map.of("gl-listed", "false")));
      save(recording(R3, "m2", 3_000));

      assertThat(body(call("getRecordings", "recordID=aaaa"))).contains(R1, R2).doesNotContain(R3);
      assertThat(body(call("getRecordings", "recordID=" + R1))).contains(R1).doesNotContain(R2);
      assertThat(body(call("getRecordings", "meetingID=m2,m9"))).contains(R3).doesNotContain(R1);
      assertThat(body(call("getRecordings", "meta_gl-listed=false"))).contains(R2).doesNotContain(R1, R3);
      assertThat(body(call("getRecordings", "meta_meta_gl-listed=true,x"))).contains(R1, R3).doesNotContain(R2);
      assertThat(body(call("getRecordings", "meetingID=m1&recordID=bbbb"))).isEqualTo(noRecordings());
      assertThat(body(call("getRecordings", "recordID=,"))).isEqualTo(noRecordings());
    }

    @Test
    void paginatesWithBbbsOffsetAndLimit() throws Exception {
      save(recording(R1, "m1", 1_000));
      save(recording(R2, "m1", 2_000));
      save(recording(R3, "m2", 3_000));

      String xml = body(call("getRecordings", "offset=1&limit=1"));

      assertThat(xml).contains(R2).doesNotContain(R1, R3).endsWith("</recordings><pagination><pageable>"
          + "<offset>1</offset><limit>1</limit><paged>true</paged><unpaged>false</unpaged></pageable>"
          + "<totalElements>3</totalElements><empty>false</empty></pagination></response>");
      assertThat(body(call("getRecordings", "offset=5"))).contains("<offset>5</offset><limit>100</limit>",
          "<totalElements>3</totalElements><empty>true</empty>");
      assertThat(body(call("getRecordings", ""))).contains(R1, R2, R3);
    }

    @ParameterizedTest
    @CsvSource({"limit=0,invalidParamLimit", "limit=101,invalidParamLimit", "offset=-2,invalidParamOffset"})
    void refusesBadPagination(String query, String messageKey) throws Exception {
      assertThat(body(call("getRecordings", query))).contains("<returncode>FAILED</returncode><messageKey>"
          + messageKey + "</messageKey>");
    }

    @Test
    void filteredModeRefusesToListEverything() throws Exception {
      api = api(RecordingFixtures.config(root, true, true, false, FORMATS));
      save(recording(R1, "m1", 1_000));

      assertThat(body(call("getRecordings", "state=any"))).isEqualTo("<?xml version=\"1.0\"?>\n<response>"
          + "<returncode>FAILED</returncode><messageKey>missingParameters</messageKey>"
          + "<message>param meetingID or recordID must be included.</message></response>");
      assertThat(body(call("getRecordings", "meetingID=m1"))).contains(R1);
    }

    @Test
    void leavesOutFormatsThatAreNotPlaybackFormats() throws Exception {
      api = api(RecordingFixtures.config(root, true, false, false, List.of("video")));
      save(new Recording(R1, "m1", "n", true, false, Optional.of("published"), 1, 2, OptionalInt.empty(),
          Map.of(), List.of(presentation(R1), video(R1)), false));

      assertThat(body(call("getRecordings", ""))).contains("<type>video</type>").doesNotContain("presentation");
    }

    @Test
    void givesProtectedRecordingsFreshOneTimeTokensFromTheTokenStore() throws Exception {
      api = api(RecordingFixtures.config(root, true, false, true, FORMATS));
      save(recording(R1, "m1", 1_000).withProtected(true));
      save(recording(R2, "m1", 2_000));

      String first = body(call("getRecordings", ""));
      String second = body(call("getRecordings", ""));

      assertThat(first).contains("<protected>true</protected>", "<protected>false</protected>")
          .contains("<url>" + PREFIX + "/playback/presentation/2.3/" + R2 + "</url>")
          .doesNotContain("/presentation/" + R1 + "/thumb-1.png");
      String token = token(first, R1);
      assertThat(token).isNotEqualTo(token(second, R1));
      assertThat(first).contains("<url>" + PREFIX + "/recording/" + R1 + "/presentation?token=" + token + "</url>");
      assertThat(tokens.consume(token).toCompletableFuture().get())
          .contains(new Grant(R1, "presentation"));
      assertThat(tokens.consume(token).toCompletableFuture().get()).isEmpty();
    }

    @Test
    void answersAnEmptyListWhenRecordingsAreDisabled() throws Exception {
      api = api(RecordingFixtures.config(root, false, true, false, FORMATS));
      save(recording(R1, "m1", 1_000));

      assertThat(body(call("getRecordings", ""))).isEqualTo(noRecordings());
    }
  }

  @Nested
  class PublishRecordings {

    @Test
    void publishMovesTheFilesAndMarksTheRecordingPublished() throws Exception {
      save(recording(R1, "m1", 1_000).withPublished(false));
      formatDirectory(unpublished, "presentation", R1, "p");
      formatDirectory(unpublished, "video", R1, "v");

      assertThat(body(call("publishRecordings", "recordID=" + R1 + "&publish=TRUE")))
          .isEqualTo(success("<published>true</published>"));

      assertThat(published.resolve("presentation").resolve(R1).resolve("metadata.xml")).hasContent("p");
      assertThat(published.resolve("video").resolve(R1).resolve("metadata.xml")).hasContent("v");
      assertThat(unpublished.resolve("presentation").resolve(R1)).doesNotExist();
      Recording stored = stored(R1);
      assertThat(stored.published()).isTrue();
      assertThat(stored.state()).contains("published");
      assertThat(stored.publishUpdated()).isTrue();
    }

    @Test
    void unpublishMovesTheFilesBack() throws Exception {
      save(recording(R1, "m1", 1_000));
      save(recording(R2, "m1", 2_000));
      formatDirectory(published, "presentation", R1, "p1");
      formatDirectory(published, "presentation", R2, "p2");

      assertThat(body(call("publishRecordings", "recordID=" + R1 + "," + R2 + "&publish=false")))
          .isEqualTo(success("<published>false</published>"));

      assertThat(unpublished.resolve("presentation").resolve(R1).resolve("metadata.xml")).hasContent("p1");
      assertThat(unpublished.resolve("presentation").resolve(R2).resolve("metadata.xml")).hasContent("p2");
      assertThat(stored(R1).published()).isFalse();
      assertThat(stored(R2).state()).contains("unpublished");
    }

    @Test
    void anyValueButTrueUnpublishes() throws Exception {
      save(recording(R1, "m1", 1_000));
      formatDirectory(published, "presentation", R1, "p");

      assertThat(body(call("publishRecordings", "recordID=" + R1 + "&publish=yes")))
          .isEqualTo(success("<published>false</published>"));
      assertThat(stored(R1).published()).isFalse();
    }

    @Test
    void aRecordingAlreadyInTheRequestedStateIsLeftAlone() throws Exception {
      save(recording(R1, "m1", 1_000));

      assertThat(body(call("publishRecordings", "recordID=" + R1 + "&publish=true")))
          .isEqualTo(success("<published>true</published>"));
      assertThat(stored(R1).publishUpdated()).isFalse();
    }

    @Test
    void refusesMissingParametersAndUnknownOrDeletedRecordings() throws Exception {
      save(recording(R3, "m2", 3_000).deleted());

      assertThat(body(call("publishRecordings", "publish=true"))).contains("<messageKey>missingParamRecordID<");
      assertThat(body(call("publishRecordings", "recordID=" + R1))).contains("<messageKey>missingParamPublish<");
      assertThat(body(call("publishRecordings", "recordID=" + R1.substring(0, 10) + "&publish=true")))
          .contains("<messageKey>notFound</messageKey><message>We could not find recordings</message>");
      assertThat(body(call("publishRecordings", "recordID=" + R3 + "&publish=true"))).contains("notFound");
    }

    @Test
    void aRecordingWithoutFilesCannotBePublished() throws Exception {
      save(recording(R1, "m1", 1_000).withPublished(false));

      assertThat(body(call("publishRecordings", "recordID=" + R1 + "&publish=true"))).contains(
          "<messageKey>internalError</messageKey><message>Unable to publish/unpublish recording.</message>");
      assertThat(stored(R1).published()).isFalse();
    }

    @Test
    void answersNotFoundWhenRecordingsAreDisabled() throws Exception {
      api = api(RecordingFixtures.config(root, false, false, false, FORMATS));
      save(recording(R1, "m1", 1_000).withPublished(false));

      assertThat(body(call("publishRecordings", "recordID=" + R1 + "&publish=true"))).contains("notFound");
      assertThat(body(call("updateRecordings", "recordID=" + R1))).contains("notFound");
      assertThat(body(call("deleteRecordings", "recordID=" + R1))).contains("notFound");
    }
  }

  @Nested
  class UpdateRecordings {

    @Test
    void upsertsLowerCasedMetadataAndDeletesBlankOnes() throws Exception {
      save(recording(R1, "m1", 1_000).withMetadata(Map.of("gl-listed", "true", "old", "x")));
      save(recording(R2, "m1", 2_000));

      assertThat(body(call("updateRecordings", "recordID=" + R1 + "," + R2 + "&meta_Gl-Listed=false&meta_old=+"
          + "&meta_New=hello+world"))).isEqualTo(success("<updated>true</updated>"));

      assertThat(stored(R1).metadata()).isEqualTo(Map.of("gl-listed", "false", "new", "hello world"));
      assertThat(stored(R2).metadata()).isEqualTo(Map.of("gl-listed", "false", "new", "hello world"));
    }

    @Test
    void protectAppliesToEveryListedRecording() throws Exception {
      save(recording(R1, "m1", 1_000));
      save(recording(R2, "m1", 2_000));
      save(recording(R3, "m2", 3_000));

      assertThat(body(call("updateRecordings", "recordID=" + R1 + "," + R2 + "&protect=true")))
          .isEqualTo(success("<updated>true</updated>"));
      assertThat(stored(R1).protectedRecording()).isTrue();
      assertThat(stored(R2).protectedRecording()).isTrue();
      assertThat(stored(R3).protectedRecording()).isFalse();

      assertThat(body(call("updateRecordings", "recordID=" + R2 + "&protect=0")))
          .isEqualTo(success("<updated>true</updated>"));
      assertThat(stored(R2).protectedRecording()).isFalse();
    }

    @Test
    void changesNothingUnlessEveryIdNamesOneRecording() throws Exception {
      save(recording(R1, "m1", 1_000));

      assertThat(body(call("updateRecordings", "recordID=" + R1 + ",nope-1&meta_x=1&protect=true")))
          .isEqualTo(success("<updated>false</updated>"));
      assertThat(body(call("updateRecordings", "recordID=" + R1 + "," + R1 + "&meta_x=1")))
          .isEqualTo(success("<updated>false</updated>"));
      assertThat(stored(R1).metadata()).doesNotContainKey("x");
      assertThat(stored(R1).protectedRecording()).isFalse();
    }

    @Test
    void reportsNoUpdateWhenNothingWasAsked() throws Exception {
      save(recording(R1, "m1", 1_000));

      assertThat(body(call("updateRecordings", "recordID=" + R1 + "&protect=")))
          .isEqualTo(success("<updated>false</updated>"));
      assertThat(body(call("updateRecordings", "meta_x=1"))).contains("<messageKey>missingParamRecordID<");
    }
  }

  @Nested
  class DeleteRecordings {

    @Test
    void removesBothCopiesAndMarksTheRecordingDeleted() throws Exception {
      save(recording(R1, "m1", 1_000));
      save(recording(R2, "m1", 2_000));
      formatDirectory(published, "presentation", R1, "p");
      formatDirectory(unpublished, "presentation", R1, "stale copy");
      formatDirectory(published, "presentation", R2, "keep");

      assertThat(body(call("deleteRecordings", "recordID=" + R1 + ",unknown-1")))
          .isEqualTo(success("<deleted>true</deleted>"));

      assertThat(published.resolve("presentation").resolve(R1)).doesNotExist();
      assertThat(unpublished.resolve("presentation").resolve(R1)).doesNotExist();
      assertThat(published.resolve("presentation").resolve(R2).resolve("metadata.xml")).hasContent("keep");
      Recording stored = stored(R1);
      assertThat(stored.state()).contains("deleted");
      assertThat(stored.metadata()).isEmpty();
      assertThat(stored.formats()).isEmpty();
      assertThat(body(call("getRecordings", ""))).doesNotContain(R1).contains(R2);
      assertThat(body(call("getRecordings", "state=deleted"))).contains(R1);
    }

    @Test
    void refusesMissingOrUnknownIds() throws Exception {
      assertThat(body(call("deleteRecordings", ""))).contains("<messageKey>missingParamRecordID<");
      assertThat(body(call("deleteRecordings", "recordID=" + R1)))
          .contains("<messageKey>notFound</messageKey><message>We could not find recordings</message>");
    }

    @Test
    void aRecordingWhoseIdCouldEscapeTheTreesIsNeverDeletedOnDisk() throws Exception {
      save(recording("../published", "m1", 1_000));
      Path victim = formatDirectory(published, "presentation", R2, "keep");

      assertThat(body(call("deleteRecordings", "recordID=../published"))).contains(
          "<messageKey>internalError</messageKey><message>Unable to delete recording.</message>");
      assertThat(victim.resolve("metadata.xml")).hasContent("keep");
      assertThat(stored("../published").state()).contains("published");
    }
  }

  @Nested
  class TextTracks {

    @Test
    void listsTheTracksOfThePresentationWithLinksOnTheCallersHost() throws Exception {
      save(recording(R1, "m1", 1_000));
      Path presentation = formatDirectory(published, "presentation", R1, "p");
      Files.writeString(presentation.resolve("captions.json"),
          "[{\"localeName\":\"English\",\"locale\":\"en\"},{\"localeName\":\"Fran\u00e7ais\",\"locale\":\"fr-CA\","
              + "\"kind\":\"captions\"}]");

      RecordingsResponse response = call("getRecordingTextTracks", "recordID=" + R1);

      assertThat(response.contentType()).isEqualTo(JSON);
      assertThat(body(response)).isEqualTo("{\"response\":{\"returncode\":\"SUCCESS\",\"tracks\":["
          + "{\"href\":\"" + PREFIX + "/presentation/" + R1 + "/caption_en.vtt\",\"kind\":\"subtitles\","
          + "\"label\":\"English\",\"lang\":\"en\",\"source\":\"upload\"},"
          + "{\"href\":\"" + PREFIX + "/presentation/" + R1 + "/caption_fr-CA.vtt\",\"kind\":\"captions\","
          + "\"label\":\"Fran\u00e7ais\",\"lang\":\"fr-CA\",\"source\":\"upload\"}]}}");
    }

    @Test
    void aRecordingWithoutTracksHasAnEmptyList() throws Exception {
      save(recording(R1, "m1", 1_000));

      assertThat(body(call("getRecordingTextTracks", "recordID=" + R1)))
          .isEqualTo("{\"response\":{\"returncode\":\"SUCCESS\",\"tracks\":[]}}");
    }

    @Test
    void refusesAMissingRecordIdAndUnknownOrDeletedRecordings() throws Exception {
      save(recording(R3, "m2", 3_000).deleted());

      assertThat(body(call("getRecordingTextTracks", ""))).isEqualTo("{\"response\":{\"returncode\":\"FAILED\","
          + "\"messageKey\":\"paramError\",\"message\":\"You must specify a recordID.\"}}");
      assertThat(body(call("getRecordingTextTracks", "recordID=" + R1))).isEqualTo("{\"response\":{\"returncode\":"
          + "\"FAILED\",\"messageKey\":\"noRecordings\",\"message\":\"No recording found for " + R1 + "\"}}");
      assertThat(body(call("getRecordingTextTracks", "recordID=" + R3))).contains("\"noRecordings\"");
    }

    @Test
    void storesAnUploadedWebVttTrackAndListsIt() throws Exception {
      save(recording(R1, "m1", 1_000));
      Path presentation = formatDirectory(published, "presentation", R1, "p");
      byte[] vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n".getBytes(StandardCharsets.UTF_8);

      RecordingsResponse response = put("recordID=" + R1 + "&kind=subtitles&lang=en-US", "track.vtt", vtt);

      assertThat(response.contentType()).isEqualTo(JSON);
      assertThat(body(response)).isEqualTo("{\"response\":{\"messageKey\":\"upload_text_track_success\","
          + "\"message\":\"Text track uploaded successfully\",\"recordId\":\"" + R1 + "\",\"returncode\":\"SUCCESS\"}}");
      assertThat(presentation.resolve("caption_en-US.vtt")).hasBinaryContent(vtt);
      assertThat(body(call("getRecordingTextTracks", "recordID=" + R1))).contains(
          "{\"href\":\"" + PREFIX + "/presentation/" + R1 + "/caption_en-US.vtt\",\"kind\":\"subtitles\","
              + "\"label\":\"English (United States)\",\"lang\":\"en-US\",\"source\":\"upload\"}");
    }

    @Test
    void convertsAnUploadedSubRipTrackIntoTheUnpublishedPresentation() throws Exception {
      save(recording(R1, "m1", 1_000).withPublished(false));
      Path presentation = formatDirectory(unpublished, "presentation", R1, "p");
      byte[] srt = "1\r\n00:00:01,000 --> 00:00:02,500\r\nBonjour\r\n".getBytes(StandardCharsets.UTF_8);

      assertThat(body(put("recordID=" + R1 + "&kind=captions&lang=fr&label=Fran%C3%A7ais", "t.srt", srt)))
          .contains("upload_text_track_success");

      assertThat(presentation.resolve("caption_fr.vtt"))
          .hasContent("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nBonjour\n");
      assertThat(presentation.resolve("captions.json"))
          .hasContent("[{\"localeName\":\"Fran\u00e7ais\",\"locale\":\"fr\",\"kind\":\"captions\"}]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kind=subtitles&lang=en                | paramError",
        "recordID=R&lang=en                    | paramError",
        "recordID=R&kind=chapters&lang=en      | invalidKind",
        "recordID=R&kind=Subtitles&lang=en     | invalidKind",
        "recordID=R&kind=subtitles             | paramError",
        "recordID=R&kind=subtitles&lang=e      | invalidLang",
        "recordID=R&kind=subtitles&lang=../x   | invalidLang",
        "recordID=R&kind=subtitles&lang=en_US  | invalidLang",
    })
    void refusesBadTrackParameters(String query, String messageKey) throws Exception {
      save(recording(R1, "m1", 1_000));
      formatDirectory(published, "presentation", R1, "p");

      String json = body(put(query.replace("R", R1), "t.vtt", "WEBVTT\n".getBytes(StandardCharsets.UTF_8)));

      assertThat(json).startsWith("{\"response\":{\"returncode\":\"FAILED\",\"messageKey\":\"" + messageKey + "\"");
      assertThat(published.resolve("presentation").resolve(R1)).isDirectoryNotContaining("glob:**.vtt");
    }

    @Test
    void refusesUploadsWithoutAFileOrWithAnUnusableOne() throws Exception {
      save(recording(R1, "m1", 1_000));
      formatDirectory(published, "presentation", R1, "p");
      String query = "recordID=" + R1 + "&kind=subtitles&lang=en";

      assertThat(body(api.handle("putRecordingTextTrack", Params.parse(query), "WEBVTT\n".getBytes(
          StandardCharsets.UTF_8), "text/vtt", PREFIX, "").toCompletableFuture().get(10, TimeUnit.SECONDS)))
          .contains("\"paramError\"");
      assertThat(body(put(query, "t.vtt", " \r\n".getBytes(StandardCharsets.UTF_8))))
          .contains("\"empty_uploaded_text_track\"");
      assertThat(body(put(query, "t.ass", "[Script Info]\n".getBytes(StandardCharsets.UTF_8))))
          .contains("\"upload_text_track_failed\"");
      assertThat(published.resolve("presentation").resolve(R1)).isDirectoryNotContaining("glob:**.vtt");
    }

    @Test
    void refusesUploadsForUnknownRecordingsAndRecordingsWithoutAPresentation() throws Exception {
      save(recording(R2, "m1", 2_000));
      formatDirectory(published, "video", R2, "v");
      byte[] vtt = "WEBVTT\n".getBytes(StandardCharsets.UTF_8);

      assertThat(body(put("recordID=" + R1 + "&kind=subtitles&lang=en", "t.vtt", vtt)))
          .contains("\"noRecordings\"", "No recording found for " + R1);
      assertThat(body(put("recordID=" + R2 + "&kind=subtitles&lang=en", "t.vtt", vtt)))
          .contains("\"upload_text_track_failed\"");
    }
  }

  private RecordingsApi api(RecordingsConfig config) {
    return new RecordingsApi(config, store, tokens, new RecordingFiles(config), Clock.systemUTC(), blocking);
  }

  private RecordingsResponse call(String call, String query) throws Exception {
    return api.handle(call, Params.parse(query), new byte[0], "", PREFIX, "").toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private RecordingsResponse put(String query, String fileName, byte[] content) throws Exception {
    return api.handle("putRecordingTextTrack", Params.parse(query), MultipartFormTest.body(fileName, content),
        MultipartFormTest.CONTENT_TYPE, PREFIX, "").toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void save(Recording recording) throws Exception {
    store.save(recording).toCompletableFuture().get();
  }

  private Recording stored(String recordId) throws Exception {
    return store.get(recordId).toCompletableFuture().get().orElseThrow();
  }

  private static String body(RecordingsResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static String success(String element) {
    return "<?xml version=\"1.0\"?>\n<response><returncode>SUCCESS</returncode>" + element + "</response>";
  }

  private static String noRecordings() {
    return new String(BbbXml.noRecordings(), StandardCharsets.UTF_8);
  }

  private static String token(String xml, String recordId) {
    Matcher link = TOKEN_LINK.matcher(xml);
    while (link.find()) {
      if (link.group(1).equals(recordId)) {
        return link.group(3);
      }
    }
    throw new AssertionError("no token link for " + recordId + " in " + xml);
  }
}
