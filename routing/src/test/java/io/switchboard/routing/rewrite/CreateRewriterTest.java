package io.switchboard.routing.rewrite;

import static io.switchboard.routing.rewrite.TestConfigs.rewrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.conf.RewriteConfig;
import io.switchboard.routing.params.Params;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateRewriterTest {
  private static final String CALLBACK = "https://sb.example.com/bigbluebutton/api/analytics_callback";
  private static final CreateContext NEW_MEETING =
      new CreateContext("70001", "stored-pw", Optional.empty(), true, "", true, Optional.empty());
  private static final CreateContext EXISTING_MEETING =
      new CreateContext("70001", "stored-pw", Optional.empty(), false, "", true, Optional.empty());

  @Test
  void aNewMeetingGetsTheStoredPasswordAndVoiceBridgeAppended() {
    assertThat(forward(rewrite().build(), "meetingID=m1&checksum=abc", NEW_MEETING))
        .isEqualTo("meetingID=m1&moderatorPW=stored-pw&voiceBridge=70001");
  }

  @Test
  void theClientsPasswordAndVoiceBridgeAreReplacedInPlace() {
    assertThat(forward(rewrite().build(), "meetingID=m1&moderatorPW=mp&voiceBridge=1234567&name=R", NEW_MEETING))
        .isEqualTo("meetingID=m1&moderatorPW=stored-pw&voiceBridge=70001&name=R");
  }

  @Test
  void anExistingMeetingPassesTheClientsPasswordAsSent() {
    assertThat(forward(rewrite().build(), "meetingID=m1&moderatorPW=client-pw", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&moderatorPW=client-pw&voiceBridge=70001");
    assertThat(forward(rewrite().build(), "meetingID=m1", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&voiceBridge=70001");
  }

  @Test
  void railsParamsAndTheChecksumAreNeverForwarded() {
    assertThat(forward(rewrite().build(),
        "meetingID=m1&format=xml&controller=c&action=create&checksum=abc&name=Room+1", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&name=Room+1&voiceBridge=70001");
  }

  @Test
  void excludedParamsAreDropped() {
    assertThat(forward(rewrite().createExclude("test4", "test2").build(), "meetingID=m1&test4=&test2=&test3=",
        EXISTING_MEETING))
        .isEqualTo("meetingID=m1&test3=&voiceBridge=70001");
  }

  @Test
  void emptyValuesAreKeptWhenNothingIsExcluded() {
    assertThat(forward(rewrite().build(), "meetingID=m1&test4=&test2=", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&test4=&test2=&voiceBridge=70001");
  }

  @Test
  void theExcludeListAppliesAfterTheReplacementsAsInScalelite() {
    assertThat(forward(rewrite().createExclude("voiceBridge").build(), "meetingID=m1&voiceBridge=1", EXISTING_MEETING))
        .isEqualTo("meetingID=m1");
  }

  @Test
  void theRequestBeatsTheDefaultsWhichComeFirst() {
    assertThat(forward(rewrite().defaultCreate("param1", "not-param1", "param2", "param2").build(),
        "meetingID=m1&param1=param1", EXISTING_MEETING))
        .isEqualTo("param1=param1&param2=param2&meetingID=m1&voiceBridge=70001");
  }

  @Test
  void theOverridesBeatTheRequestInPlaceAndAppendTheRest() {
    assertThat(forward(rewrite().overrideCreate("param1", "param1", "param2", "param2").build(),
        "meetingID=m1&param1=not-param1", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&param1=param1&voiceBridge=70001&param2=param2");
  }

  @Test
  void theOverridesBeatEvenTheReplacedParams() {
    RewriteConfig config = rewrite().maxMeetingDuration(Duration.ofMinutes(60)).overrideCreate("duration", "45").build();
    assertThat(forward(config, "meetingID=m1", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&voiceBridge=70001&duration=45");
  }

  @Test
  void theChosenServerTagReplacesTheClientsRequiredTag() {
    CreateContext tagged =
        new CreateContext("70001", "stored-pw", Optional.of("gpu"), true, "", true, Optional.empty());
    assertThat(forward(rewrite().build(), "meta_server-tag=gpu%21&meetingID=m1", tagged))
        .isEqualTo("meta_server-tag=gpu&meetingID=m1&moderatorPW=stored-pw&voiceBridge=70001");
  }

  @Test
  void aTagFromTheConfigIsAppendedBeforeThePassword() {
    CreateContext tagged =
        new CreateContext("70001", "stored-pw", Optional.of("gpu"), true, "", true, Optional.empty());
    assertThat(forward(rewrite().build(), "meetingID=m1", tagged))
        .isEqualTo("meetingID=m1&meta_server-tag=gpu&moderatorPW=stored-pw&voiceBridge=70001");
  }

  @Test
  void anUntaggedServerRemovesTheClientsTag() {
    assertThat(forward(rewrite().build(), "meetingID=m1&meta_server-tag=test-tag", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&voiceBridge=70001");
  }

  @Test
  void configuredServerTagsNeverReachTheServerDirectly() {
    RewriteConfig config = rewrite()
        .defaultCreate("meta_server-tag", "d", "param", "1")
        .overrideCreate("meta_server-tag", "o", "other", "2")
        .build();
    assertThat(forward(config, "meetingID=m1", EXISTING_MEETING))
        .isEqualTo("param=1&meetingID=m1&voiceBridge=70001&other=2");
    CreateContext tagged =
        new CreateContext("70001", "stored-pw", Optional.of("o"), false, "", true, Optional.empty());
    assertThat(forward(config, "meetingID=m1", tagged))
        .isEqualTo("param=1&meetingID=m1&meta_server-tag=o&voiceBridge=70001&other=2");
  }

  @ParameterizedTest(name = "duration {0} with max 3600 -> {1}")
  @CsvSource(delimiter = '|', value = {
      "meetingID=m1                          | meetingID=m1&voiceBridge=70001&duration=3600",
      "meetingID=m1&duration=5000            | meetingID=m1&duration=3600&voiceBridge=70001",
      "meetingID=m1&duration=0               | meetingID=m1&duration=3600&voiceBridge=70001",
      "meetingID=m1&duration=1200            | meetingID=m1&duration=1200&voiceBridge=70001",
      "meetingID=m1&duration=3600            | meetingID=m1&duration=3600&voiceBridge=70001",
      "meetingID=m1&duration=                | meetingID=m1&duration=3600&voiceBridge=70001",
      "meetingID=m1&duration=soon            | meetingID=m1&duration=3600&voiceBridge=70001",
      "meetingID=m1&duration=-5              | meetingID=m1&duration=-5&voiceBridge=70001",
      "meetingID=m1&duration=+30             | meetingID=m1&duration=+30&voiceBridge=70001",
      "meetingID=m1&duration=1_000min        | meetingID=m1&duration=1_000min&voiceBridge=70001",
      "meetingID=m1&duration=99999999999999999999 | meetingID=m1&duration=3600&voiceBridge=70001",
  })
  void theDurationIsCappedWhenAbsentZeroOrAboveTheMax(String request, String forwarded) {
    RewriteConfig config = rewrite().maxMeetingDuration(Duration.ofMinutes(3600)).build();
    assertThat(forward(config, request, EXISTING_MEETING)).isEqualTo(forwarded);
  }

  @Test
  void theDurationIsUntouchedWithoutAMax() {
    assertThat(forward(rewrite().build(), "meetingID=m1&duration=5000", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&duration=5000&voiceBridge=70001");
  }

  @Test
  void theMaxIsSentInMinutes() {
    assertThat(forward(rewrite().maxMeetingDuration(Duration.ofHours(2)).build(), "meetingID=m1", EXISTING_MEETING))
        .isEqualTo("meetingID=m1&voiceBridge=70001&duration=120");
  }

  @Test
  void theCapLooksAtTheRequestSoItBeatsADefaultDuration() {
    RewriteConfig config = rewrite().maxMeetingDuration(Duration.ofMinutes(60)).defaultCreate("duration", "30").build();
    assertThat(forward(config, "meetingID=m1", EXISTING_MEETING))
        .isEqualTo("duration=60&meetingID=m1&voiceBridge=70001");
  }

  @Test
  void theAnalyticsCallbackIsRedirectedToSwitchboardAndTheOriginalReturned() {
    CreateContext context =
        new CreateContext("70001", "stored-pw", Optional.empty(), false, CALLBACK, true, Optional.empty());
    RewrittenCreate rewritten = new CreateRewriter(rewrite().build()).rewrite(
        Params.parse("meetingID=m1&meta_analytics-callback-url=https%3A%2F%2Flms.example%2Fcb%3Fa%3D1"), context);
    assertThat(rewritten.params().encode()).isEqualTo(
        "meetingID=m1&meta_analytics-callback-url=https%3A%2F%2Fsb.example.com%2Fbigbluebutton%2Fapi%2Fanalytics_callback"
            + "&voiceBridge=70001");
    assertThat(rewritten.analyticsCallbackUrl()).contains("https://lms.example/cb?a=1");
  }

  @Test
  void theAnalyticsCallbackIsUntouchedWithoutSwitchboardsUrl() {
    RewrittenCreate rewritten = new CreateRewriter(rewrite().build())
        .rewrite(Params.parse("meetingID=m1&meta_analytics-callback-url=https%3A%2F%2Flms.example%2Fcb"), NEW_MEETING);
    assertThat(rewritten.params().encode()).isEqualTo(
        "meetingID=m1&meta_analytics-callback-url=https%3A%2F%2Flms.example%2Fcb&moderatorPW=stored-pw&voiceBridge=70001");
    assertThat(rewritten.analyticsCallbackUrl()).isEmpty();
  }

  @Test
  void noAnalyticsCallbackIsAddedWhenTheClientSentNone() {
    CreateContext context =
        new CreateContext("70001", "stored-pw", Optional.empty(), false, CALLBACK, true, Optional.empty());
    RewrittenCreate rewritten = new CreateRewriter(rewrite().build()).rewrite(Params.parse("meetingID=m1"), context);
    assertThat(rewritten.params().encode()).isEqualTo("meetingID=m1&voiceBridge=70001");
    assertThat(rewritten.analyticsCallbackUrl()).isEmpty();
    assertThat(rewritten.recordingReadyUrl()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "meta_bn-recording-ready-url=bn&meta_canvas-recording-ready-url=cv | bn",
      "meta_bbb-recording-ready-url=bbb                                   | bbb",
      "meta_bbb-recording-ready-url=bbb&meta_bn-recording-ready-url=bn    | bn",
  })
  void recordingReadyUrlsAreTakenOutAndReturned(String callbacks, String expected) {
    RewrittenCreate rewritten = new CreateRewriter(rewrite().build())
        .rewrite(Params.parse("meetingID=m1&" + callbacks), EXISTING_MEETING);
    assertThat(rewritten.params().encode()).isEqualTo("meetingID=m1&voiceBridge=70001");
    assertThat(rewritten.recordingReadyUrl()).contains(expected);
  }

  @Test
  void recordingReadyUrlsReachTheServerWhenSwitchboardDoesNotNotify() {
    CreateContext context =
        new CreateContext("70001", "stored-pw", Optional.empty(), false, "", false, Optional.empty());
    RewrittenCreate rewritten = new CreateRewriter(rewrite().build())
        .rewrite(Params.parse("meetingID=m1&meta_bbb-recording-ready-url=bbb"), context);
    assertThat(rewritten.params().encode()).isEqualTo("meetingID=m1&meta_bbb-recording-ready-url=bbb&voiceBridge=70001");
    assertThat(rewritten.recordingReadyUrl()).isEmpty();
  }

  @Test
  void aCanvasRecordingReadyUrlAloneReachesTheServerAsInScalelite() {
    RewrittenCreate rewritten = new CreateRewriter(rewrite().build())
        .rewrite(Params.parse("meetingID=m1&meta_canvas-recording-ready-url=cv"), EXISTING_MEETING);
    assertThat(rewritten.params().encode()).isEqualTo("meetingID=m1&meta_canvas-recording-ready-url=cv&voiceBridge=70001");
    assertThat(rewritten.recordingReadyUrl()).isEmpty();
  }

  @ParameterizedTest(name = "override={0} request={1} default={2} -> {3}")
  @CsvSource(nullValues = "null", value = {
      "o, r, d, o",
      "' ', r, d, r",
      "null, r, d, r",
      "null, ' ', d, d",
      "null, null, d, d",
      "null, null, ' ', null",
      "null, null, null, null",
      "o!, r, d, o!",
  })
  void theServerTagIsTheFirstNonBlankOfOverrideRequestDefault(String override, String request, String fallback,
      String expected) {
    TestConfigs configs = rewrite();
    if (override != null) {
      configs.overrideCreate("meta_server-tag", override);
    }
    if (fallback != null) {
      configs.defaultCreate("meta_server-tag", fallback);
    }
    Params params = request == null ? Params.of() : Params.of().with("meta_server-tag", request);
    assertThat(CreateRewriter.effectiveServerTag(params, configs.build(), Optional.empty()))
        .isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void aTenantsCreateCarriesItsIdAndNameInsteadOfTheClients() {
    CreateContext context = tenantContext(Optional.empty(), TenantParams.withoutSettings("t-1", "acme"));
    assertThat(forward(rewrite().build(), "meetingID=m1&meta_tenant-id=forged&name=R", context))
        .isEqualTo("meetingID=m1&meta_tenant-id=t-1&name=R&voiceBridge=70001&meta_tenant-name=acme");
  }

  @Test
  void tenantSettingsTakeScalelitesPlacesBetweenTheConfiguredOnes() {
    RewriteConfig config = rewrite()
        .defaultCreate("a", "config-default", "b", "config-default", "c", "config-default", "d", "config-default",
            "e", "config-default")
        .overrideCreate("d", "config-override", "e", "config-override")
        .build();
    TenantParams tenant = new TenantParams("t-1", "acme",
        Map.of("b", "tenant-default", "c", "tenant-default", "d", "tenant-default", "e", "tenant-default"),
        Map.of("e", "tenant-override"));
    assertThat(forward(config, "meetingID=m1&c=request&d=request&e=request", tenantContext(Optional.empty(), tenant)))
        .isEqualTo("a=config-default&b=tenant-default&c=request&d=config-override&e=tenant-override&meetingID=m1"
            + "&voiceBridge=70001&meta_tenant-id=t-1&meta_tenant-name=acme");
  }

  @Test
  void theLrsPayloadReplacesTheClientsAfterTheTenantsMetadata() {
    assertThat(forward(rewrite().build(), "meetingID=m1&meta_secret-lrs-payload=forged",
        lrsContext(LrsPayloadParam.of("ZW5j+/=="))))
        .isEqualTo("meetingID=m1&meta_secret-lrs-payload=ZW5j%2B%2F%3D%3D&voiceBridge=70001&meta_tenant-id=t-1"
            + "&meta_tenant-name=acme");
    assertThat(forward(rewrite().build(), "meetingID=m1", lrsContext(LrsPayloadParam.of("ZW5j"))))
        .isEqualTo("meetingID=m1&voiceBridge=70001&meta_tenant-id=t-1&meta_tenant-name=acme"
            + "&meta_secret-lrs-payload=ZW5j");
  }

  @Test
  void aWithheldLrsPayloadRemovesTheClientsAndNoLrsLeavesItAsInScalelite() {
    assertThat(forward(rewrite().build(), "meetingID=m1&meta_secret-lrs-payload=forged",
        lrsContext(LrsPayloadParam.WITHHELD)))
        .isEqualTo("meetingID=m1&voiceBridge=70001&meta_tenant-id=t-1&meta_tenant-name=acme");
    assertThat(forward(rewrite().build(), "meetingID=m1&meta_secret-lrs-payload=sent",
        lrsContext(LrsPayloadParam.UNTOUCHED)))
        .isEqualTo("meetingID=m1&meta_secret-lrs-payload=sent&voiceBridge=70001&meta_tenant-id=t-1"
            + "&meta_tenant-name=acme");
  }

  @Test
  void theLrsPayloadIsExcludedLikeAnyParamAsInScalelite() {
    assertThat(forward(rewrite().createExclude("meta_secret-lrs-payload").build(), "meetingID=m1",
        lrsContext(LrsPayloadParam.of("ZW5j"))))
        .isEqualTo("meetingID=m1&voiceBridge=70001&meta_tenant-id=t-1&meta_tenant-name=acme");
  }

  @Test
  void tenantServerTagSettingsOnlyChooseTheServer() {
    TenantParams tenant = new TenantParams("t-1", "acme", Map.of("meta_server-tag", "d"), Map.of("meta_server-tag", "o"));
    assertThat(forward(rewrite().build(), "meetingID=m1", tenantContext(Optional.of("gpu"), tenant)))
        .isEqualTo("meetingID=m1&meta_server-tag=gpu&voiceBridge=70001&meta_tenant-id=t-1&meta_tenant-name=acme");
    assertThat(forward(rewrite().build(), "meetingID=m1", tenantContext(Optional.empty(), tenant)))
        .isEqualTo("meetingID=m1&voiceBridge=70001&meta_tenant-id=t-1&meta_tenant-name=acme");
  }

  @ParameterizedTest(name = "tenant override {0}, config override {1}, request {2}, tenant default {3}, config "
      + "default {4} => {5}")
  @CsvSource(nullValues = "null", value = {
      "to, co, rq, td, cd, to",
      "' ', co, rq, td, cd, co",
      "null, null, rq, td, cd, rq",
      "null, null, ' ', td, cd, td",
      "null, null, null, ' ', cd, cd",
      "null, null, null, null, null, null",
  })
  void theServerTagFollowsScalelitesOrderWithTenantSettings(String tenantOverride, String configOverride,
      String request, String tenantDefault, String configDefault, String expected) {
    TestConfigs configs = rewrite();
    if (configOverride != null) {
      configs.overrideCreate("meta_server-tag", configOverride);
    }
    if (configDefault != null) {
      configs.defaultCreate("meta_server-tag", configDefault);
    }
    Map<String, String> defaults = new HashMap<>();
    if (tenantDefault != null) {
      defaults.put("meta_server-tag", tenantDefault);
    }
    Map<String, String> overrides = new HashMap<>();
    if (tenantOverride != null) {
      overrides.put("meta_server-tag", tenantOverride);
    }
    Params params = request == null ? Params.of() : Params.of().with("meta_server-tag", request);
    Optional<TenantParams> tenant = Optional.of(new TenantParams("t-1", "acme", defaults, overrides));
    assertThat(CreateRewriter.effectiveServerTag(params, configs.build(), tenant))
        .isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "\"{0}\".to_i = {1}")
  @CsvSource(nullValues = "null", value = {
      "null, 0", "'', 0", "abc, 0", "12, 12", "' \t\n12', 12", "+7, 7", "-5, -5", "12.9, 12", "30min, 30",
      "1_000, 1000", "1__0, 1", "_1, 0", "1_, 1", "- 1, 0", "0x1A, 0", "99999999999999999999, 9223372036854775807",
  })
  void parsesTheDurationAsRubyStringToI(String text, long value) {
    assertThat(CreateRewriter.rubyToI(text)).isEqualTo(value);
  }

  @Test
  void aNewMeetingNeedsItsStoredPassword() {
    assertThatThrownBy(() -> new CreateContext("70001", " ", Optional.empty(), true, "", true, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("moderatorPassword: ' ' (expected: the stored password of the new meeting)");
  }

  private static CreateContext tenantContext(Optional<String> serverTag, TenantParams tenant) {
    return new CreateContext("70001", "stored-pw", serverTag, false, "", true, Optional.of(tenant));
  }

  private static CreateContext lrsContext(LrsPayloadParam lrs) {
    return new CreateContext("70001", "stored-pw", Optional.empty(), false, "", true,
        Optional.of(TenantParams.withoutSettings("t-1", "acme")), lrs);
  }

  private static String forward(RewriteConfig config, String query, CreateContext context) {
    return new CreateRewriter(config).rewrite(Params.parse(query), context).params().encode();
  }
}
