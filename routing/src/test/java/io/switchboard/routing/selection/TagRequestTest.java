package io.switchboard.routing.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagRequestTest {

  static Stream<Arguments> parses() {
    return Stream.of(
        Arguments.of(null, List.of(), false),
        Arguments.of("", List.of(), false),
        Arguments.of(" \t", List.of(), false),
        Arguments.of("!", List.of(), false),
        Arguments.of("  !", List.of(), false),
        Arguments.of("a", List.of("a"), false),
        Arguments.of("a!", List.of("a"), true),
        Arguments.of("a;b", List.of("a", "b"), false),
        Arguments.of("a;b!", List.of("a", "b"), true),
        Arguments.of("none!", List.of("none"), true),
        Arguments.of("a;;b", List.of("a", "", "b"), false),
        Arguments.of("a;", List.of("a"), false),
        Arguments.of(";a", List.of("", "a"), false),
        Arguments.of(";!", List.of(), true),
        Arguments.of("a!!", List.of("a!"), true),
        Arguments.of("a!;b", List.of("a!", "b"), false));
  }

  @ParameterizedTest(name = "\"{0}\" -> {1} required={2}")
  @MethodSource("parses")
  void parsesLikeScaleliteFindAvailable(String metaServerTag, List<String> tags, boolean required) {
    assertThat(TagRequest.parse(metaServerTag)).isEqualTo(new TagRequest(tags, required));
  }
}
