package io.switchboard.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.proxy.testing.RecordingTarballs;
import io.switchboard.proxy.testing.SwitchboardFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API's recording endpoints (publishRecordings, deleteRecordings): the operator's changes reach the trees on
 * disk and what front-ends list, as the BBB calls' changes do.
 */
class RecordingsAdminTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static SwitchboardFixture switchboard;

  @BeforeAll
  static void start() {
    switchboard = SwitchboardFixture.start(1);
  }

  @AfterAll
  static void stop() {
    switchboard.close();
  }

  private static URI url(SwitchboardFixture instance, String call) {
    String checksum = SwitchboardFixture.checksum(call + SwitchboardFixture.SECRET, "SHA-256");
    return URI.create("http://127.0.0.1:" + instance.port() + "/scalelite/api/" + call + "?checksum=" + checksum);
  }

  private static HttpResponse<String> post(SwitchboardFixture instance, String call, String json) {
    return instance.send(HttpRequest.newBuilder(url(instance, call))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static HttpResponse<String> post(String call, String json) {
    return post(switchboard, call, json);
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh recording, published, imported through the spool and listed by getRecordings. */
  private static String imported() throws IOException, InterruptedException {
    int n = NEXT.incrementAndGet();
    String meetingId = "room-" + n;
    String recordId = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-17000000000" + String.format("%02d", n);
    RecordingTarballs.write(switchboard.recordingsRoot().resolve("spool"), recordId, meetingId);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (listing(recordId).contains("<recordID>" + recordId + "</recordID>")) {
        return recordId;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(recordId + " was not imported within 20 s");
  }

  private static String listing(String recordId) {
    return switchboard.get("getRecordings", "recordID=" + recordId).body();
  }

  private static boolean inTree(String tree, String recordId) {
    return Files.isDirectory(switchboard.recordingsRoot().resolve(tree).resolve("presentation").resolve(recordId));
  }

  @Test
  void unpublishThenPublishMovesTheFilesAndTheListingFollows() throws Exception {
    String recordId = imported();

    HttpResponse<String> unpublished = post("publishRecordings",
        "{\"record_ids\": [\"" + recordId + "\", \"no-such-recording\"], \"publish\": false}");

    assertThat(unpublished.statusCode()).isEqualTo(200);
    assertThat(unpublished.body()).isEqualTo("{\"success\":\"Recordings were unpublished\",\"record_ids\":[\""
        + recordId + "\"],\"not_found\":[\"no-such-recording\"]}");
    assertThat(inTree("unpublished", recordId)).isTrue();
    assertThat(inTree("published", recordId)).isFalse();
    assertThat(listing(recordId)).contains("<published>false</published>");

    HttpResponse<String> published = post("publishRecordings",
        "{\"record_ids\": [\"" + recordId + "\"], \"publish\": true}");

    assertThat(json(published).get("success").asText()).isEqualTo("Recordings were published");
    assertThat(inTree("published", recordId)).isTrue();
    assertThat(inTree("unpublished", recordId)).isFalse();
    assertThat(listing(recordId)).contains("<published>true</published>");
  }

  @Test
  void deleteRemovesTheFilesAndTheListingThenTheRecordingIsNotFound() throws Exception {
    String recordId = imported();

    HttpResponse<String> deleted = post("deleteRecordings", "{\"record_ids\": [\"" + recordId + "\"]}");

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(json(deleted).get("record_ids").get(0).asText()).isEqualTo(recordId);
    assertThat(inTree("published", recordId)).isFalse();
    assertThat(inTree("unpublished", recordId)).isFalse();
    assertThat(listing(recordId)).contains("<messageKey>noRecordings</messageKey>");

    HttpResponse<String> again = post("deleteRecordings", "{\"record_ids\": [\"" + recordId + "\"]}");
    assertThat(again.statusCode()).as("a deleted recording is gone").isEqualTo(404);
  }

  @Test
  void unknownRecordingsAre404() {
    HttpResponse<String> publish = post("publishRecordings", "{\"record_ids\": [\"a-1\", \"b-2\"], \"publish\": true}");
    HttpResponse<String> delete = post("deleteRecordings", "{\"record_ids\": [\"a-1\"]}");

    assertThat(publish.statusCode()).isEqualTo(404);
    assertThat(json(publish).get("error").asText()).isEqualTo("Couldn't find recordings with record_ids=a-1,b-2");
    assertThat(delete.statusCode()).isEqualTo(404);
  }

  @Test
  void badRequestsAre400AndChangeNothing() throws Exception {
    String recordId = imported();

    for (String body : new String[] {"{\"publish\": false}", "{\"record_ids\": [], \"publish\": false}",
        "{\"record_ids\": \"" + recordId + "\", \"publish\": false}", "{\"record_ids\": [42], \"publish\": false}",
        "{\"record_ids\": [\"" + recordId + ",x\"], \"publish\": false}"}) {
      HttpResponse<String> response = post("publishRecordings", body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(json(response).get("error").asText()).isEqualTo("record_ids must be a non-empty list of recording ids");
    }
    HttpResponse<String> noPublish = post("publishRecordings", "{\"record_ids\": [\"" + recordId + "\"]}");
    assertThat(noPublish.statusCode()).isEqualTo(400);
    assertThat(json(noPublish).get("error").asText()).isEqualTo("publish must be true or false");
    assertThat(post("deleteRecordings", "{}").statusCode()).isEqualTo(400);

    assertThat(inTree("published", recordId)).isTrue();
    assertThat(listing(recordId)).contains("<published>true</published>");
  }

  @Test
  void aWrongChecksumIsTheBbbChecksumErrorAndDeletesNothing() throws Exception {
    String recordId = imported();
    String wrong = SwitchboardFixture.checksum("deleteRecordings" + "not-the-secret", "SHA-256");

    HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + switchboard.port() + "/scalelite/api/deleteRecordings?checksum=" + wrong))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"record_ids\": [\"" + recordId + "\"]}")).build());

    assertThat(response.body()).contains("<messageKey>checksumError</messageKey>");
    assertThat(inTree("published", recordId)).isTrue();
  }

  @Test
  void withRecordingsDisabledTheEndpointsAre412() {
    try (SwitchboardFixture disabled = SwitchboardFixture.start(1, "switchboard.recordings.enabled = false")) {
      HttpResponse<String> publish = post(disabled, "publishRecordings",
          "{\"record_ids\": [\"a-1\"], \"publish\": true}");
      HttpResponse<String> delete = post(disabled, "deleteRecordings", "{\"record_ids\": [\"a-1\"]}");

      assertThat(publish.statusCode()).isEqualTo(412);
      assertThat(json(publish).get("error").asText()).isEqualTo("Recordings are disabled (RECORDING_DISABLED)");
      assertThat(delete.statusCode()).isEqualTo(412);
    }
  }
}
