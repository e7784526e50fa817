package io.switchboard.recordings.api;

import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.storage.recordings.RecordingQuery;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * getRecordings' parameters read as Scalelite reads them (spec §9.1), plus BBB 2.6's {@code offset} and {@code limit}
 * (spec §15 row 5): {@code recordID} prefixes, exact {@code meetingID}s, {@code state} ({@code any} = every state,
 * absent = published and unpublished) and {@code meta_} filters whose key is the name with every {@code meta_}
 * removed (Scalelite's quirk). Pure.
 */
final class GetRecordingsParams {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  private static final String META = "meta_";

  /** What the parameters ask for, or why they cannot be answered. */
  sealed interface Parsed permits Query, Rejected {}

  /**
   * A valid request.
   *
   * @param query the filter, offset and limit for the store
   * @param matchesNothing an id or state list was given but held no element, which Scalelite turns into an empty
   *     SQL {@code IN ()}: nothing can match, whatever the store holds
   * @param paginated whether {@code offset} or {@code limit} was given, so the answer carries a pagination block
   */
  record Query(RecordingQuery query, boolean matchesNothing, boolean paginated) implements Parsed {}

  record Rejected(BbbError error) implements Parsed {}

  private GetRecordingsParams() {}

  /**
   * Reads {@code params}; {@code filtered} is GET_RECORDINGS_API_FILTERED, {@code maxPageSize} the largest limit,
   * also the page size when only {@code offset} is given.
   */
  static Parsed parse(Params params, boolean filtered, int maxPageSize) {
    Optional<String> recordIds = params.nonBlank("recordID");
    Optional<String> meetingIds = params.nonBlank("meetingID");
    if (filtered && recordIds.isEmpty() && meetingIds.isEmpty()) {
      return new Rejected(BbbError.MISSING_PARAMETERS);
    }
    Optional<String> offsetParam = params.nonBlank("offset");
    Optional<String> limitParam = params.nonBlank("limit");
    int offset = 0;
    if (offsetParam.isPresent()) {
      if (!DIGITS.matcher(offsetParam.get()).matches()) {
        return new Rejected(new BbbError("invalidParamOffset",
            "offset must be a whole number of recordings to skip, 0 or more (got: " + offsetParam.get() + ")"));
      }
      offset = Integer.parseInt(offsetParam.get());
    }
    Optional<Integer> limit = Optional.empty();
    if (limitParam.isPresent()) {
      String value = limitParam.get();
      int parsed = DIGITS.matcher(value).matches() ? Integer.parseInt(value) : 0;
      if (parsed < 1 || parsed > maxPageSize) {
        return new Rejected(new BbbError("invalidParamLimit",
            "limit must be a whole number from 1 to " + maxPageSize + " (got: " + value + ")"));
      }
      limit = Optional.of(parsed);
    } else if (offsetParam.isPresent()) {
      limit = Optional.of(maxPageSize);
    }

    boolean matchesNothing = false;
    List<String> prefixes = List.of();
    if (recordIds.isPresent()) {
      prefixes = ParamValues.commaList(recordIds.get());
      matchesNothing = prefixes.isEmpty();
    }
    List<String> meetings = List.of();
    if (meetingIds.isPresent()) {
      meetings = ParamValues.commaList(meetingIds.get());
      matchesNothing |= meetings.isEmpty();
    }
    Set<String> states = RecordingQuery.DEFAULT_STATES;
    Optional<String> stateParam = params.nonBlank("state");
    if (stateParam.isPresent()) {
      List<String> listed = ParamValues.commaList(stateParam.get());
      matchesNothing |= listed.isEmpty();
      states = listed.contains("any") ? Set.of() : new LinkedHashSet<>(listed);
    }
    RecordingQuery query = new RecordingQuery(prefixes, meetings, states, metadataFilters(params), Optional.empty(),
        offset, limit);
    return new Query(query, matchesNothing, offsetParam.isPresent() || limitParam.isPresent());
  }

  private static Map<String, Set<String>> metadataFilters(Params params) {
    Map<String, Set<String>> filters = new LinkedHashMap<>();
    params.asMap().forEach((name, value) -> {
      if (name.startsWith(META)) {
        filters.computeIfAbsent(name.replace(META, ""), key -> new LinkedHashSet<>())
            .addAll(ParamValues.commaList(value == null ? "" : value));
      }
    });
    return filters;
  }
}
