package io.switchboard.routing.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ServerState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrainRuleTest {

  @ParameterizedTest(name = "{0} at load {1} -> drained {2}")
  @CsvSource({
      "CORDONED, 0, true",
      "CORDONED, -0.0, true",
      "CORDONED, 0.5, false",
      "CORDONED, 15, false",
      "ENABLED, 0, false",
      "DISABLED, 0, false",
  })
  void onlyACordonedServerWithoutLoadIsDrained(ServerState state, double load, boolean drained) {
    assertThat(DrainRule.drained(state, load)).isEqualTo(drained);
  }
}
