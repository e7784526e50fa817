package io.switchboard.recordings.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.recordings.api.GetRecordingsParams.Parsed;
import io.switchboard.recordings.api.GetRecordingsParams.Query;
import io.switchboard.recordings.api.GetRecordingsParams.Rejected;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.storage.recordings.RecordingQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GetRecordingsParamsTest {

  @Test
  void noParametersAskForEveryPublishedOrUnpublishedRecording() {
    Query query = query("");

    assertThat(query.query()).isEqualTo(RecordingQuery.all());
    assertThat(query.matchesNothing()).isFalse();
    assertThat(query.paginated()).isFalse();
  }

  @Test
  void readsIdListsAsPrefixesAndExactMeetingIds() {
    RecordingQuery query = query("recordID=abc,def-1&meetingID=m1,m2").query();

    assertThat(query.recordIdPrefixes()).containsExactly("abc", "def-1");
    assertThat(query.meetingIds()).containsExactly("m1", "m2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "state=deleted,processing | deleted;processing",
      "state=published          | published",
      "state=deleted,any        | ''",
      "state=                   | published;unpublished",
  })
  void readsStatesWithAnyMeaningEveryState(String params, String states) {
    Set<String> expected = states.isEmpty() ? Set.of() : Set.of(states.split(";"));

    assertThat(query(params).query().states()).isEqualTo(expected);
  }

  @Test
  void removesEveryMetaPrefixFromFilterNamesAsScaleliteDoes() {
    RecordingQuery query = query("meta_gl-listed=true,false&meta_ameta_b=x&meta_meta_gl-listed=maybe").query();

    assertThat(query.metadata()).isEqualTo(Map.of("gl-listed", Set.of("true", "false", "maybe"), "ab", Set.of("x")));
  }

  @Test
  void aBlankMetaFilterMatchesNoValueOfItsKey() {
    assertThat(query("meta_x=").query().metadata()).isEqualTo(Map.of("x", Set.of()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"recordID=,", "meetingID=,,", "state=,"})
  void aListWithoutElementsMatchesNothing(String params) {
    assertThat(query(params).matchesNothing()).isTrue();
  }

  @Test
  void filteredModeNeedsARecordIdOrAMeetingId() {
    assertThat(GetRecordingsParams.parse(Params.parse("state=any"), true, 100))
        .isEqualTo(new Rejected(BbbError.MISSING_PARAMETERS));
    assertThat(GetRecordingsParams.parse(Params.parse("recordID=&meetingID=+"), true, 100))
        .isEqualTo(new Rejected(BbbError.MISSING_PARAMETERS));
    assertThat(GetRecordingsParams.parse(Params.parse("meetingID=m"), true, 100)).isInstanceOf(Query.class);
    assertThat(GetRecordingsParams.parse(Params.parse("recordID=r"), true, 100)).isInstanceOf(Query.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "limit=5           | 0  | 5",
      "limit=100         | 0  | 100",
      "offset=3&limit=1  | 3  | 1",
      "offset=7          | 7  | 100",
      "offset=0          | 0  | 100",
  })
  void readsOffsetAndLimitAsBbbPagination(String params, int offset, int limit) {
    Query query = query(params);

    assertThat(query.paginated()).isTrue();
    assertThat(query.query().offset()).isEqualTo(offset);
    assertThat(query.query().limit()).isEqualTo(Optional.of(limit));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "limit=0                 | invalidParamLimit",
      "limit=101               | invalidParamLimit",
      "limit=-1                | invalidParamLimit",
      "limit=ten               | invalidParamLimit",
      "limit=1.5               | invalidParamLimit",
      "limit=99999999999999    | invalidParamLimit",
      "offset=-1               | invalidParamOffset",
      "offset=x&limit=5        | invalidParamOffset",
      "offset=9999999999999    | invalidParamOffset",
  })
  void refusesBadPaginationValues(String params, String messageKey) {
    Parsed parsed = GetRecordingsParams.parse(Params.parse(params), false, 100);

    assertThat(parsed).isInstanceOfSatisfying(Rejected.class, rejected -> {
      assertThat(rejected.error().messageKey()).isEqualTo(messageKey);
      assertThat(rejected.error().message()).contains(messageKey.equals("invalidParamLimit") ? "1 to 100" : "0 or more");
    });
  }

  @Test
  void ignoresBlankPaginationValues() {
    assertThat(query("offset=&limit=").paginated()).isFalse();
  }

  @Test
  void keepsTheStoreQueryFreeOfTenants() {
    assertThat(query("meta_tenant-id=t1").query().tenantId()).isEmpty();
    assertThat(query("meta_tenant-id=t1").query().metadata()).isEqualTo(Map.of("tenant-id", Set.of("t1")));
    assertThat(query("recordID=a,,b").query().recordIdPrefixes()).isEqualTo(List.of("a", "", "b"));
  }

  private static Query query(String params) {
    Parsed parsed = GetRecordingsParams.parse(Params.parse(params), false, 100);
    assertThat(parsed).isInstanceOf(Query.class);
    return (Query) parsed;
  }
}
