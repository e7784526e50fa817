package io.switchboard.recordings.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParamValuesTest {

  @Test
  void splitsCommaListsAsRubyDoes() {
    assertThat(ParamValues.commaList("")).isEmpty();
    assertThat(ParamValues.commaList(",")).isEmpty();
    assertThat(ParamValues.commaList("a")).containsExactly("a");
    assertThat(ParamValues.commaList("a,,b,")).isEqualTo(List.of("a", "", "b"));
    assertThat(ParamValues.commaList(",a")).isEqualTo(List.of("", "a"));
  }

  @ParameterizedTest
  @CsvSource({"true,true", "1,true", "t,true", "yes,true", "False,true", "on,true",
      "false,false", "FALSE,false", "0,false", "f,false", "F,false", "off,false", "OFF,false"})
  void castsBooleansAsRailsDoes(String value, boolean expected) {
    assertThat(ParamValues.railsBoolean(value)).isEqualTo(expected);
  }
}
