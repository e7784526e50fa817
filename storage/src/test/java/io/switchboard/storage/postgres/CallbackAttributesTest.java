package io.switchboard.storage.postgres;

import static io.switchboard.storage.postgres.CallbackAttributes.ANALYTICS_CALLBACK_URL;
import static io.switchboard.storage.postgres.CallbackAttributes.RECORDING_READY_URL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scalelite's YAML {@code callback_attributes} (spec §8): what Psych writes is read, what we write Psych reads. */
class CallbackAttributesTest {
  private static final String READY = "https://gl.example.com/recording_ready?room=1";
  private static final String ANALYTICS = "https://gl.example.com/analytics_callback";

  @Test
  void readsBothKeysAsScaleliteWritesThem() {
    String yaml = "---\n:recording_ready_url: " + READY + "\n:analytics_callback_url: " + ANALYTICS + "\n";

    assertThat(CallbackAttributes.get(yaml, RECORDING_READY_URL)).contains(READY);
    assertThat(CallbackAttributes.get(yaml, ANALYTICS_CALLBACK_URL)).contains(ANALYTICS);
  }

  @Test
  void missingKeyEmptyDocumentsAndNullAreEmpty() {
    assertThat(CallbackAttributes.get("---\n:analytics_callback_url: " + ANALYTICS + "\n", RECORDING_READY_URL))
        .isEmpty();
    assertThat(CallbackAttributes.get(null, RECORDING_READY_URL)).isEmpty();
    assertThat(CallbackAttributes.get("", RECORDING_READY_URL)).isEmpty();
    assertThat(CallbackAttributes.get("--- {}\n", RECORDING_READY_URL)).isEmpty();
    assertThat(CallbackAttributes.get("---\n:recording_ready_url:\n", RECORDING_READY_URL)).isEmpty();
    assertThat(CallbackAttributes.get("---\n:recording_ready_url: ~\n", RECORDING_READY_URL)).isEmpty();
  }

  @Test
  void readsQuotedCommentedAndFoldedValues() {
    assertThat(CallbackAttributes.get("---\n:recording_ready_url: 'https://a.example.com/it''s'\n",
        RECORDING_READY_URL)).contains("https://a.example.com/it's");
    assertThat(CallbackAttributes.get("---\n:recording_ready_url: \"https://a.example.com/\\u00e9\\t\\\"x\\\"\"\n",
        RECORDING_READY_URL)).contains("https://a.example.com/é\t\"x\"");
    assertThat(CallbackAttributes.get("---\n:recording_ready_url: https://a.example.com/x # a comment\n",
        RECORDING_READY_URL)).contains("https://a.example.com/x");
    assertThat(CallbackAttributes.get("---\n:recording_ready_url: 'https://a.example.com/a\n  b'\n",
        RECORDING_READY_URL)).contains("https://a.example.com/a b");
    assertThat(CallbackAttributes.get("---\n:recording_ready_url: \"https://a.example.com/a\\\n  b\"\n",
        RECORDING_READY_URL)).contains("https://a.example.com/ab");
    assertThat(CallbackAttributes.get("---\n:recording_ready_url: |-\n  https://a.example.com/x\n",
        RECORDING_READY_URL)).contains("https://a.example.com/x");
    assertThat(CallbackAttributes.get("---\r\n:recording_ready_url: https://a.example.com/x\r\n",
        RECORDING_READY_URL)).contains("https://a.example.com/x");
  }

  @Test
  void readsStringKeysOfAHashWithIndifferentAccess() {
    String yaml = "--- !ruby/hash:ActiveSupport::HashWithIndifferentAccess\nrecording_ready_url: " + READY + "\n";

    assertThat(CallbackAttributes.get(yaml, RECORDING_READY_URL)).contains(READY);
  }

  @Test
  void writesANewDocumentAsScaleliteDoes() {
    assertThat(CallbackAttributes.ofRecordingReadyUrl(READY)).isEqualTo("---\n:recording_ready_url: " + READY + "\n");
  }

  @Test
  void anAnalyticsDocumentHoldsJustThatUrlAsScaleliteWritesIt() {
    assertThat(CallbackAttributes.ofAnalyticsCallbackUrl(ANALYTICS))
        .isEqualTo("---\n:analytics_callback_url: " + ANALYTICS + "\n");
    assertThat(CallbackAttributes.ofAnalyticsCallbackUrl("https://a.example.com/x:"))
        .isEqualTo("---\n:analytics_callback_url: 'https://a.example.com/x:'\n");
    assertThat(CallbackAttributes.get(CallbackAttributes.ofAnalyticsCallbackUrl("it's\n"), ANALYTICS_CALLBACK_URL))
        .contains("it's\n");
  }

  @Test
  void replacingTheUrlKeepsTheAnalyticsLineAndTheOrder() {
    String stored = "---\n:analytics_callback_url: " + ANALYTICS + "\n:recording_ready_url: https://old.example.com\n";

    assertThat(CallbackAttributes.withRecordingReadyUrl(stored, READY))
        .isEqualTo("---\n:analytics_callback_url: " + ANALYTICS + "\n:recording_ready_url: " + READY + "\n");
    assertThat(CallbackAttributes.withRecordingReadyUrl("---\n:analytics_callback_url: " + ANALYTICS + "\n", READY))
        .isEqualTo("---\n:analytics_callback_url: " + ANALYTICS + "\n:recording_ready_url: " + READY + "\n");
  }

  @Test
  void replacingTheUrlOfAStringKeyedDocumentWritesSymbols() {
    String stored = "--- !ruby/hash:ActiveSupport::HashWithIndifferentAccess\nanalytics_callback_url: " + ANALYTICS
        + "\nrecording_ready_url: https://old.example.com\n";

    assertThat(CallbackAttributes.withRecordingReadyUrl(stored, READY))
        .isEqualTo("---\n:analytics_callback_url: " + ANALYTICS + "\n:recording_ready_url: " + READY + "\n");
  }

  @Test
  void multiLineEntriesAreKeptWhole() {
    String stored = "---\n:analytics_callback_url: 'https://a.example.com/a\n  b'\n:recording_ready_url: \"x\\\n  y\"\n";

    String written = CallbackAttributes.withRecordingReadyUrl(stored, READY);

    assertThat(written).isEqualTo(
        "---\n:analytics_callback_url: 'https://a.example.com/a\n  b'\n:recording_ready_url: " + READY + "\n");
    assertThat(CallbackAttributes.get(written, ANALYTICS_CALLBACK_URL)).contains("https://a.example.com/a b");
  }

  @Test
  void valuesThatAreNotPlainUrlsAreQuoted() {
    assertThat(CallbackAttributes.scalar("https://a.example.com/x?y=1&z=%20#f")).isEqualTo(
        "https://a.example.com/x?y=1&z=%20#f");
    assertThat(CallbackAttributes.scalar("https://a.example.com/x:")).isEqualTo("'https://a.example.com/x:'");
    assertThat(CallbackAttributes.scalar("123")).isEqualTo("'123'");
    assertThat(CallbackAttributes.scalar("true")).isEqualTo("'true'");
    assertThat(CallbackAttributes.scalar("https://a.example.com/x y")).isEqualTo("'https://a.example.com/x y'");
    assertThat(CallbackAttributes.scalar("it's")).isEqualTo("'it''s'");
    assertThat(CallbackAttributes.scalar("é/ü")).isEqualTo("'é/ü'");
    assertThat(CallbackAttributes.scalar("a\nb")).isEqualTo("\"a\\nb\"");
    assertThat(CallbackAttributes.scalar("")).isEqualTo("''");
  }

  @Test
  void everyStringSurvivesAWriteAndARead() {
    Random random = new Random(42);
    String alphabet = "abcXYZ019 :/?#&%'\"\\\t\n\r-_.~!@$*+,;=[]{}|>é中😀\u0001\u007f";
    int[] codePoints = alphabet.codePoints().toArray();
    for (int i = 0; i < 2_000; i++) {
      StringBuilder value = new StringBuilder(random.nextBoolean() ? "https://" : "");
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        value.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      String url = value.toString();
      String stored = "---\n:analytics_callback_url: " + ANALYTICS + "\n";

      String written = CallbackAttributes.withRecordingReadyUrl(stored, url);

      assertThat(CallbackAttributes.get(written, RECORDING_READY_URL)).as("%s", written).contains(url);
      assertThat(CallbackAttributes.get(written, ANALYTICS_CALLBACK_URL)).contains(ANALYTICS);
      assertThat(CallbackAttributes.get(CallbackAttributes.withRecordingReadyUrl(written, READY), RECORDING_READY_URL))
          .contains(READY);
    }
  }
}
