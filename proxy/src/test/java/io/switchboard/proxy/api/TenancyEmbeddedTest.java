package io.switchboard.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.simulator.SimMeeting;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@link TenancyTest} on the embedded in-memory stores, and the analytics callback URL at create, which needs a
 * {@code CallbackStore} that keeps analytics URLs (the PostgreSQL one does not yet).
 */
class TenancyEmbeddedTest extends TenancyTest {
  @Override
  StoreKind kind() {
    return StoreKind.EMBEDDED;
  }

  @Test
  void theAnalyticsCallbackGoesThroughTheTenantsHostAndTheClientsUrlIsKept() {
    Tenant alpha = tenant(TenantLimits.UNLIMITED);
    String room = alpha.name() + "-analytics";

    call(alpha, alpha, "create", "meetingID=" + room + "&name=Room"
        + "&meta_analytics-callback-url=" + encode("https://lms.example/analytics?id=7")
        + "&meta_bbb-recording-ready-url=" + encode("https://lms.example/ready"));

    assertThat(switchboard.hostOf(room).meeting(room).orElseThrow().createParams())
        .containsEntry("meta_analytics-callback-url",
            "https://" + alpha.name() + "." + URL_HOST + "/bigbluebutton/api/analytics_callback")
        .doesNotContainKey("meta_bbb-recording-ready-url");
    assertThat(switchboard.stores().callbacks().analyticsCallbackUrl(room).toCompletableFuture().join())
        .contains("https://lms.example/analytics?id=7");
    assertThat(switchboard.stores().callbacks().recordingReadyUrl(room).toCompletableFuture().join())
        .as("stored after the analytics URL, so both are kept").contains("https://lms.example/ready");
  }

  /** Without multitenancy no tenant is looked for, and the analytics URL points at the host the create came to. */
  @Test
  void withoutMultitenancyTheAnalyticsCallbackGoesThroughTheHostTheCreateCameTo() {
    try (SwitchboardFixture plain = SwitchboardFixture.start(kind(), 1)) {
      HttpResponse<String> created = plain.get("create", "meetingID=plain&name=Room&meta_analytics-callback-url="
          + encode("https://lms.example/a"));

      assertThat(created.body()).contains("<returncode>SUCCESS</returncode>");
      SimMeeting meeting = plain.bbb(0).meeting("plain").orElseThrow();
      assertThat(meeting.metadata()).doesNotContainKeys("tenant-id", "tenant-name");
      assertThat(meeting.createParams()).containsEntry("meta_analytics-callback-url",
          "https://127.0.0.1:" + plain.port() + "/bigbluebutton/api/analytics_callback");
      assertThat(plain.stores().callbacks().analyticsCallbackUrl("plain").toCompletableFuture().join())
          .contains("https://lms.example/a");
    }
  }
}
