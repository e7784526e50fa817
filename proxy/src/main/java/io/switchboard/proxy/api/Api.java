package io.switchboard.proxy.api;

import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.metrics.SwitchboardMetrics;
import io.switchboard.recordings.api.RecordingsApi;
import io.switchboard.routing.api.ApiCall;
import io.switchboard.routing.checksum.ChecksumVerifier;
import io.switchboard.routing.selection.ServerSelector;
import io.switchboard.storage.Stores;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Assembles the API handler: one {@link ApiAction} per BBB call, wired to the stores and the backend client. */
public final class Api {
  /** The longest wait for a front-end's answer to a relayed analytics callback. */
  private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(30);
  /** The pause before a relay that could not connect is tried again (times the attempt number). */
  private static final Duration CALLBACK_RETRY_PAUSE = Duration.ofSeconds(2);
  /** The longest wait for a tenant's Keycloak to grant an LRS token, after which the create goes on without one. */
  private static final Duration LRS_TOKEN_TIMEOUT = Duration.ofSeconds(5);

  private Api() {}

  public static ApiHandler handler(
      SwitchboardConfig config, Stores stores, BbbBackend backend, RecordingsApi recordingsApi, Clock clock) {
    return handler(config, stores, backend, recordingsApi, clock, null);
  }

  /**
   * The API of a running Switchboard whose calls are counted and timed in {@code metrics} (null: not counted), where
   * the tenant look-ups under multitenancy are reported too, as cache {@code tenants}.
   */
  public static ApiHandler handler(SwitchboardConfig config, Stores stores, BbbBackend backend,
      RecordingsApi recordingsApi, Clock clock, @Nullable SwitchboardMetrics metrics) {
    double placementWeight = Math.max(1, config.poller().loadMinUserCount());
    MeetingPlacer placer = new MeetingPlacer(stores, ServerSelector.leastLoaded(), placementWeight);
    MeetingFactory meetingFactory = new MeetingFactory(stores.meetings(), config.rewrite(), clock);

    HttpClient http = HttpClient.newBuilder().connectTimeout(config.upstream().connectTimeout()).build();

    Map<ApiCall, ApiAction> actions = new EnumMap<>(ApiCall.class);
    actions.put(ApiCall.INDEX, new IndexAction(config.api().buildNumber()));
    actions.put(ApiCall.CREATE, new CreateAction(stores, placer, backend, config.rewrite(), meetingFactory,
        config.api().urlHost(), config.recordings().enabled(), new LrsCredentials(http, LRS_TOKEN_TIMEOUT)));
    actions.put(ApiCall.JOIN, new JoinAction(stores, backend, config.rewrite()));
    actions.put(ApiCall.GET_MEETINGS, config.api().getMeetingsDisabled()
        ? new NoMeetingsAction()
        : new GetMeetingsAction(stores, backend));
    MeetingCallAction meetingCall = new MeetingCallAction(stores, backend);
    for (ApiCall call : ApiCall.values()) {
      if (call.meetingScoped()) {
        actions.put(call, meetingCall);
      }
    }
    RecordingsAction recordings = new RecordingsAction(recordingsApi);
    for (ApiCall call : new ApiCall[] {ApiCall.GET_RECORDINGS, ApiCall.PUBLISH_RECORDINGS, ApiCall.UPDATE_RECORDINGS,
        ApiCall.DELETE_RECORDINGS, ApiCall.GET_RECORDING_TEXT_TRACKS, ApiCall.PUT_RECORDING_TEXT_TRACK}) {
      actions.put(call, recordings);
    }
    AnalyticsCallbackAction analytics = new AnalyticsCallbackAction(stores, config.api().secrets(),
        config.tenants().enabled(), config.api().urlHost(),
        http, CALLBACK_TIMEOUT, CALLBACK_RETRY_PAUSE, clock);
    TenantResolver tenants = config.tenants().enabled() ? new TenantResolver(stores.tenants()) : null;
    if (tenants != null && metrics != null) {
      metrics.cache("tenants", tenants::stats);
    }
    return new ApiHandler(ChecksumVerifier.accepting(config.api().acceptedAlgorithms()), config.api().secrets(),
        config.api().getMeetingsDisabled(), actions, analytics, tenants, metrics);
  }
}
