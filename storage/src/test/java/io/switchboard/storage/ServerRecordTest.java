package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.switchboard.conf.ServerState;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ServerRecordTest {
  private static final URI URL = URI.create("https://bbb1.example.com/bigbluebutton/api");

  @Test
  void withersChangeOnlyTheirFields() {
    ServerRecord server = server(1.0, Set.of("gold"));

    ServerRecord changed = server.withState(ServerState.CORDONED)
        .withOnline(false)
        .withCounters(1, 2)
        .withStats(3, 40, 25, 6)
        .withBbbVersion("3.0.4");

    assertThat(changed).isEqualTo(new ServerRecord("bbb-1", URL, "secret", ServerState.CORDONED, false, 1.0,
        Set.of("gold"), 1, 2, 3, 40, 25, 6, "3.0.4"));
  }

  @ParameterizedTest(name = "{0}, online={1} -> {2}")
  @CsvSource({
      "ENABLED, true, true",
      "ENABLED, false, false",
      "CORDONED, true, false",
      "DISABLED, true, false",
  })
  void onlyEnabledOnlineServersAreEligibleForNewMeetings(ServerState state, boolean online, boolean eligible) {
    assertThat(server(1.0, Set.of()).withState(state).withOnline(online).eligible()).isEqualTo(eligible);
  }

  @Test
  void tagsAreCopied() {
    Set<String> tags = new HashSet<>(Set.of("gold"));
    ServerRecord server = server(1.0, tags);

    tags.add("silver");

    assertThat(server.tags()).containsExactly("gold");
  }

  @Test
  void toStringHidesTheSecret() {
    ServerRecord server = new ServerRecord("bbb-1", URL, "s3cret-bbb", ServerState.ENABLED, true, 1.0, Set.of(), 0, 0,
        0, 0, 0, 0, "");

    assertThat(server.toString()).contains("secret=<hidden>").doesNotContain("s3cret-bbb");
  }

  static Stream<Arguments> invalidRecords() {
    return Stream.of(
        Arguments.of((ThrowingCallable) () -> new ServerRecord(" ", URL, "secret", ServerState.ENABLED, true, 1.0,
            Set.of(), 0, 0, 0, 0, 0, 0, ""), "id: ' ' (expected: not blank)"),
        Arguments.of((ThrowingCallable) () -> new ServerRecord("bbb-1", URI.create("bbb1/api"), "secret",
            ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, ""),
            "url: bbb1/api (expected: an absolute URI)"),
        Arguments.of((ThrowingCallable) () -> new ServerRecord("bbb-1", URL, "", ServerState.ENABLED, true, 1.0,
            Set.of(), 0, 0, 0, 0, 0, 0, ""), "secret: '' (expected: not empty)"),
        Arguments.of((ThrowingCallable) () -> server(0, Set.of()), "loadMultiplier: 0.0 (expected: > 0 and finite)"),
        Arguments.of((ThrowingCallable) () -> server(-2, Set.of()), "loadMultiplier: -2.0 (expected: > 0 and finite)"),
        Arguments.of((ThrowingCallable) () -> server(Double.NaN, Set.of()),
            "loadMultiplier: NaN (expected: > 0 and finite)"),
        Arguments.of((ThrowingCallable) () -> server(Double.POSITIVE_INFINITY, Set.of()),
            "loadMultiplier: Infinity (expected: > 0 and finite)"),
        Arguments.of((ThrowingCallable) () -> server(1.0, Set.of(" ")), "tags: [ ] (expected: no blank tag)"),
        Arguments.of((ThrowingCallable) () -> server(1.0, Set.of()).withCounters(-1, 0),
            "healthyCounter: -1 (expected: >= 0)"),
        Arguments.of((ThrowingCallable) () -> server(1.0, Set.of()).withCounters(0, -1),
            "unhealthyCounter: -1 (expected: >= 0)"),
        Arguments.of((ThrowingCallable) () -> server(1.0, Set.of()).withStats(-1, 0, 0, 0),
            "meetings: -1 (expected: >= 0)"),
        Arguments.of((ThrowingCallable) () -> server(1.0, Set.of()).withStats(0, -1, 0, 0),
            "users: -1 (expected: >= 0)"),
        Arguments.of((ThrowingCallable) () -> server(1.0, Set.of()).withStats(0, 0, -1, 0),
            "largestMeeting: -1 (expected: >= 0)"),
        Arguments.of((ThrowingCallable) () -> server(1.0, Set.of()).withStats(0, 0, 0, -1),
            "videos: -1 (expected: >= 0)"));
  }

  @ParameterizedTest
  @MethodSource("invalidRecords")
  void invalidValuesAreRejectedWithTheirName(ThrowingCallable construction, String message) {
    assertThatIllegalArgumentException().isThrownBy(construction).withMessage(message);
  }

  private static ServerRecord server(double loadMultiplier, Set<String> tags) {
    return new ServerRecord("bbb-1", URL, "secret", ServerState.ENABLED, true, loadMultiplier, tags, 0, 0, 0, 0, 0, 0,
        "");
  }
}
