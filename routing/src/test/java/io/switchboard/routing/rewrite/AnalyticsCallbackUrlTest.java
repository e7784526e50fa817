package io.switchboard.routing.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalyticsCallbackUrlTest {

  @Test
  void pointsAtUrlHost() {
    assertThat(AnalyticsCallbackUrl.of("sb.example.com", "10.0.0.5:8080", Optional.empty()))
        .isEqualTo("https://sb.example.com/bigbluebutton/api/analytics_callback");
  }

  @Test
  void aTenantsMeetingPointsAtTheTenantsHostUnderUrlHost() {
    assertThat(AnalyticsCallbackUrl.of("sb.example.com", "acme.sb.example.com", Optional.of("acme")))
        .isEqualTo("https://acme.sb.example.com/bigbluebutton/api/analytics_callback");
  }

  @Test
  void withoutUrlHostTheHostTheCreateCameToIsUsedAsItIs() {
    assertThat(AnalyticsCallbackUrl.of("", "acme.lb.example.org:8443", Optional.of("acme")))
        .isEqualTo("https://acme.lb.example.org:8443/bigbluebutton/api/analytics_callback");
    assertThat(AnalyticsCallbackUrl.of(" ", "lb.example.org", Optional.empty()))
        .isEqualTo("https://lb.example.org/bigbluebutton/api/analytics_callback");
  }
}
