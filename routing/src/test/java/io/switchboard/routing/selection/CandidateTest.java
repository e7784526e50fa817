package io.switchboard.routing.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateTest {

  @Test
  void rejectsABlankTagBecauseUntaggedIsTheEmptySet() {
    assertThatThrownBy(() -> new Candidate("s1", 0, Set.of(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tags: [ ]");
  }

  @Test
  void rejectsANanLoad() {
    assertThatThrownBy(() -> new Candidate("s1", Double.NaN, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("load: NaN (expected: a number)");
  }

  @Test
  void copiesItsTags() {
    Set<String> tags = new HashSet<>(Set.of("a"));
    Candidate candidate = new Candidate("s1", 0, tags);
    tags.add("b");
    assertThat(candidate.tags()).containsExactly("a");
  }
}
