package io.switchboard.routing.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LeastLoadedSelectorTest {
  private static final ServerSelector SELECTOR = ServerSelector.leastLoaded();

  /** Scalelite's server_spec fixture: one tagged server, two untagged ones. */
  private static final List<Candidate> ONE_TAGGED = List.of(
      server("t1", 1, "test-tag"), server("t2", 3), server("t3", 2));

  /** Scalelite's server_spec fixture for tag matching. */
  private static final List<Candidate> MIXED = List.of(
      server("t1", 1), server("t2", 3, "test-tag"), server("t3", 2, "test-tag"), server("t4", 1, "wrong-tag"),
      server("t5", 1, "test-tag2"));

  /** Scalelite's server_spec fallback fixture: the least loaded server carries a tag nobody asks for. */
  private static final List<Candidate> FALLBACK = List.of(
      server("t1", 3), server("t2", 1, "wrong-tag"), server("t3", 2));

  private static final List<Candidate> ALL_TAGGED = List.of(server("t1", 1, "a"), server("t2", 2, "b"));

  private static final List<Candidate> MULTI_TAGGED = List.of(
      server("t1", 1, "a", "b"), server("t2", 0.5, "b"), server("t3", 0));

  static Stream<Arguments> truthTable() {
    return Stream.of(
        Arguments.of("no tag picks the least loaded untagged server", ONE_TAGGED, null, "t3"),
        Arguments.of("empty tag is no tag", ONE_TAGGED, "", "t3"),
        Arguments.of("blank tag is no tag", ONE_TAGGED, "  ", "t3"),
        Arguments.of("'!' alone is no tag and not required", ONE_TAGGED, "!", "t3"),
        Arguments.of("'none' selects untagged servers, forwarding no tag", ONE_TAGGED, "none", "t3"),
        Arguments.of("'none!' requires an untagged server", ONE_TAGGED, "none!", "t3"),
        Arguments.of("a tag selects the server carrying it", ONE_TAGGED, "test-tag", "t1 tag=test-tag"),
        Arguments.of("least loaded of the matching servers", MIXED, "test-tag", "t3 tag=test-tag"),
        Arguments.of("required tag that matches", MIXED, "test-tag!", "t3 tag=test-tag"),
        Arguments.of("several tags pool their servers", MIXED, "test-tag;test-tag2", "t5 tag=test-tag2"),
        Arguments.of("several required tags", MIXED, "test-tag;test-tag2!", "t5 tag=test-tag2"),
        Arguments.of("'none' among tags; equal load goes to the smaller id", MIXED, "test-tag2;none", "t1"),
        Arguments.of("tags compare case-sensitively, then fall back", MIXED, "TEST-TAG", "t1"),
        Arguments.of("unmatched tag falls back to untagged only", FALLBACK, "test-tag", "t3"),
        Arguments.of("unmatched required tag", FALLBACK, "test-tag!", "unavailable: test-tag"),
        Arguments.of("unmatched required tags are named without '!'", FALLBACK, "a;b!", "unavailable: a;b"),
        Arguments.of("no tag and no untagged server", ALL_TAGGED, null, "no servers"),
        Arguments.of("unmatched tag and no untagged server", ALL_TAGGED, "c", "no servers"),
        Arguments.of("'none' and no untagged server", ALL_TAGGED, "none", "no servers"),
        Arguments.of("'none!' and no untagged server", ALL_TAGGED, "none!", "unavailable: none"),
        Arguments.of("unmatched required tag, all servers tagged", ALL_TAGGED, "c!", "unavailable: c"),
        Arguments.of("a server matches any tag in its set", MULTI_TAGGED, "a", "t1 tag=a"),
        Arguments.of("shared tag picks the least loaded holder", MULTI_TAGGED, "b", "t2 tag=b"),
        Arguments.of("matched tag is the first requested one the server has", MULTI_TAGGED, "a;b", "t2 tag=b"),
        Arguments.of("matched tag follows request order", List.of(server("t1", 1, "a", "b")), "b;a", "t1 tag=b"),
        Arguments.of("no tag ignores the tagged, lighter servers", MULTI_TAGGED, "", "t3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truthTable")
  void selectsAsScaleliteFindAvailable(String rule, List<Candidate> candidates, String tag, String expected) {
    assertThat(describe(SELECTOR.select(candidates, TagRequest.parse(tag)))).as(rule).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"test-tag", "test-tag!", "none!"})
  void noCandidatesIsNoServersWhateverTheTags(String tag) {
    assertThat(SELECTOR.select(List.of(), TagRequest.parse(tag))).isEqualTo(new Selection.NoServers());
  }

  @Test
  void equalLoadsGoToTheSmallestServerIdWhateverTheInputOrder() {
    List<Candidate> candidates = new ArrayList<>(List.of(
        server("bbb-2", 4), server("bbb-10", 4), server("bbb-1", 4), server("bbb-3", 5)));
    for (int i = 0; i < candidates.size(); i++) {
      Collections.rotate(candidates, 1);
      assertThat(describe(SELECTOR.select(candidates, TagRequest.parse(null)))).isEqualTo("bbb-1");
    }
  }

  @Test
  void equalLoadsAmongTaggedServersGoToTheSmallestId() {
    List<Candidate> candidates = List.of(server("z", 2, "gpu"), server("m", 2, "gpu"), server("a", 1));
    assertThat(describe(SELECTOR.select(candidates, TagRequest.parse("gpu")))).isEqualTo("m tag=gpu");
  }

  @Test
  void chosenCarriesTheCandidateItself() {
    Candidate only = server("only", 7.5, "x");
    assertThat(SELECTOR.select(List.of(only), TagRequest.parse("x!")))
        .isEqualTo(new Selection.Chosen(only, Optional.of("x")));
  }

  @Test
  void eligibleIsThePoolSelectChoosesFromWhateverTheLoads() {
    List<Candidate> candidates = List.of(server("a", 50), server("b", 1, "gpu"), server("c", 3, "gpu", "eu"),
        server("d", 0, "eu"));
    ServerSelector selector = ServerSelector.leastLoaded();

    assertThat(selector.eligible(candidates, TagRequest.parse("gpu"))).extracting(Candidate::serverId)
        .containsExactly("b", "c");
    assertThat(selector.eligible(candidates, TagRequest.parse(null))).as("no tag: the untagged servers only")
        .extracting(Candidate::serverId).containsExactly("a");
    assertThat(selector.eligible(candidates, TagRequest.parse("video"))).as("unmatched, not required: fallback")
        .extracting(Candidate::serverId).containsExactly("a");
    assertThat(selector.eligible(candidates, TagRequest.parse("video!"))).as("unmatched and required").isEmpty();
    assertThat(selector.select(candidates, TagRequest.parse("gpu;eu"))).as("select takes the least loaded of them")
        .isEqualTo(new Selection.Chosen(candidates.get(3), Optional.of("eu")));
  }

  private static Candidate server(String id, double load, String... tags) {
    return new Candidate(id, load, Set.of(tags));
  }

  private static String describe(Selection selection) {
    if (selection instanceof Selection.Chosen chosen) {
      return chosen.candidate().serverId() + chosen.matchedTag().map(tag -> " tag=" + tag).orElse("");
    }
    if (selection instanceof Selection.TagUnavailable unavailable) {
      return "unavailable: " + unavailable.tags();
    }
    return "no servers";
  }
}
