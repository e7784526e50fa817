package io.switchboard.routing.api;

import static io.switchboard.routing.api.HttpMethodName.GET;
import static io.switchboard.routing.api.HttpMethodName.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiCallTest {

  static Stream<Arguments> routeTable() {
    return Stream.of(
        Arguments.of("", Set.of(GET, POST), false, ContentTypeRule.FORM, false),
        Arguments.of("create", Set.of(GET, POST), true, ContentTypeRule.FORM_OR_XML, false),
        Arguments.of("join", Set.of(GET), true, ContentTypeRule.NONE, false),
        Arguments.of("end", Set.of(GET, POST), true, ContentTypeRule.FORM, true),
        Arguments.of("isMeetingRunning", Set.of(GET, POST), true, ContentTypeRule.FORM, true),
        Arguments.of("getMeetingInfo", Set.of(GET, POST), true, ContentTypeRule.FORM, true),
        Arguments.of("getMeetings", Set.of(GET, POST), true, ContentTypeRule.FORM, false),
        Arguments.of("insertDocument", Set.of(POST), true, ContentTypeRule.XML_ONLY, true),
        Arguments.of("sendChatMessage", Set.of(GET, POST), true, ContentTypeRule.FORM, true),
        Arguments.of("getRecordingTextTracks", Set.of(GET, POST), true, ContentTypeRule.FORM, false),
        Arguments.of("putRecordingTextTrack", Set.of(POST), true, ContentTypeRule.FORM, false),
        Arguments.of("getRecordings", Set.of(GET, POST), true, ContentTypeRule.FORM, false),
        Arguments.of("publishRecordings", Set.of(GET), true, ContentTypeRule.NONE, false),
        Arguments.of("updateRecordings", Set.of(GET, POST), true, ContentTypeRule.FORM, false),
        Arguments.of("deleteRecordings", Set.of(GET), true, ContentTypeRule.NONE, false),
        Arguments.of("analytics_callback", Set.of(POST), false, ContentTypeRule.NONE, false));
  }

  @ParameterizedTest(name = "{0}: {1}, checksum {2}, {3}, meeting-scoped {4}")
  @MethodSource("routeTable")
  void followsTheRouteTable(String name, Set<HttpMethodName> methods, boolean checksumRequired,
      ContentTypeRule contentTypeRule, boolean meetingScoped) {
    ApiCall call = ApiCall.byName(name).orElseThrow();

    assertThat(call.callName()).isEqualTo(name);
    assertThat(call.methods()).isEqualTo(methods);
    assertThat(call.checksumRequired()).isEqualTo(checksumRequired);
    assertThat(call.contentTypeRule()).isEqualTo(contentTypeRule);
    assertThat(call.meetingScoped()).isEqualTo(meetingScoped);
    for (HttpMethodName method : HttpMethodName.values()) {
      assertThat(call.allows(method)).isEqualTo(methods.contains(method));
    }
  }

  @Test
  void theTableCoversEveryCall() {
    assertThat(routeTable().map(row -> row.get()[0]))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ApiCall.values()).map(ApiCall::callName).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Create", "getmeetings", "getMeetingInfo.xml", "create/", "hooks/create", "enter", " join"})
  void knowsNoOtherNameAndMatchesCaseSensitively(String name) {
    assertThat(ApiCall.byName(name)).isEmpty();
  }

  @Test
  void exposesAnUnmodifiableMethodSet() {
    assertThatThrownBy(() -> ApiCall.JOIN.methods().add(POST)).isInstanceOf(UnsupportedOperationException.class);
  }
}
