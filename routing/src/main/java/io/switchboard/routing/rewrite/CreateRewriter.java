package io.switchboard.routing.rewrite;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.RewriteConfig;
import io.switchboard.routing.params.Params;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds the parameters of the backend {@code create} from the client's request, as Scalelite's create action does
 * (spec §3.7, §4.5 steps 2–11): the meeting's voice bridge, moderator password and server tag, the tenant's id and
 * name, the duration cap, the tenant's LRS payload and the callback URLs are applied to the client's parameters first; then
 * {@code CREATE_EXCLUDE_PARAMS} and {@code checksum} are removed; then the result goes over
 * {@code DEFAULT_CREATE_PARAMS} and the tenant's default settings and under {@code OVERRIDE_CREATE_PARAMS} and the
 * tenant's override settings, all four without {@code meta_server-tag}. Immutable and thread-safe.
 */
public final class CreateRewriter {
  private static final String SERVER_TAG = "meta_server-tag";
  private static final String TENANT_ID = "meta_tenant-id";
  private static final String TENANT_NAME = "meta_tenant-name";
  private static final String LRS_PAYLOAD = "meta_secret-lrs-payload";
  private static final String ANALYTICS_CALLBACK_URL = "meta_analytics-callback-url";
  private static final String BN_RECORDING_READY_URL = "meta_bn-recording-ready-url";
  private static final String BBB_RECORDING_READY_URL = "meta_bbb-recording-ready-url";
  // Scalelite looks this one up last but never uses what it finds, so on its own it reaches BBB untouched.
  private static final String CANVAS_RECORDING_READY_URL = "meta_canvas-recording-ready-url";
  private static final List<String> RECORDING_READY_URLS =
      List.of(BN_RECORDING_READY_URL, BBB_RECORDING_READY_URL, CANVAS_RECORDING_READY_URL);

  private final Set<String> dropped;
  private final Map<String, String> defaults;
  private final Map<String, String> overrides;
  private final long maxDurationMinutes;

  public CreateRewriter(RewriteConfig config) {
    requireNonNull(config, "config");
    this.dropped = Precedence.dropped(config.createExcludeParams());
    this.defaults = Precedence.ordered(config.defaultCreateParams(), SERVER_TAG);
    this.overrides = Precedence.ordered(config.overrideCreateParams(), SERVER_TAG);
    this.maxDurationMinutes = config.maxMeetingDuration().toMinutes();
  }

  /**
   * The {@code meta_server-tag} that selects the server (spec §3.7): the first non-blank of the tenant's override
   * setting, the configured override, the client's value, the tenant's default setting and the configured default.
   * Parse it with {@code TagRequest.parse}.
   */
  public static Optional<String> effectiveServerTag(
      Params request, RewriteConfig config, Optional<TenantParams> tenant) {
    requireNonNull(request, "request");
    requireNonNull(config, "config");
    requireNonNull(tenant, "tenant");
    return Stream.of(tenant.map(t -> t.overrides().get(SERVER_TAG)).orElse(null),
            config.overrideCreateParams().get(SERVER_TAG), request.get(SERVER_TAG).orElse(null),
            tenant.map(t -> t.defaults().get(SERVER_TAG)).orElse(null), config.defaultCreateParams().get(SERVER_TAG))
        .filter(tag -> tag != null && !tag.isBlank())
        .findFirst();
  }

  public RewrittenCreate rewrite(Params request, CreateContext context) {
    requireNonNull(request, "request");
    requireNonNull(context, "context");
    // Names the client did not send are appended in Scalelite's order: server tag, moderatorPW, voiceBridge, tenant,
    // duration, LRS payload.
    Params params = context.serverTag()
        .map(tag -> request.with(SERVER_TAG, tag))
        .orElseGet(() -> request.without(SERVER_TAG));
    if (context.newMeeting()) {
      params = params.with("moderatorPW", context.moderatorPassword());
    }
    params = params.with("voiceBridge", context.voiceBridge());
    if (context.tenant().isPresent()) {
      params = params.with(TENANT_ID, context.tenant().get().id()).with(TENANT_NAME, context.tenant().get().name());
    }
    if (maxDurationMinutes > 0) {
      long duration = rubyToI(params.get("duration").orElse(null));
      if (duration == 0 || duration > maxDurationMinutes) {
        params = params.with("duration", Long.toString(maxDurationMinutes));
      }
    }
    if (context.lrsPayload() instanceof LrsPayloadParam.Payload payload) {
      params = params.with(LRS_PAYLOAD, payload.encrypted());
    } else if (context.lrsPayload() instanceof LrsPayloadParam.Withheld) {
      params = params.without(LRS_PAYLOAD);
    }

    Optional<String> analyticsCallbackUrl = Optional.empty();
    Optional<String> clientAnalyticsUrl = params.get(ANALYTICS_CALLBACK_URL);
    if (clientAnalyticsUrl.isPresent() && !context.analyticsCallbackUrl().isEmpty()) {
      analyticsCallbackUrl = clientAnalyticsUrl;
      params = params.with(ANALYTICS_CALLBACK_URL, context.analyticsCallbackUrl());
    }

    Optional<String> recordingReadyUrl = Optional.empty();
    if (context.takeRecordingReadyUrls()) {
      Params current = params;
      recordingReadyUrl = current.get(BN_RECORDING_READY_URL).or(() -> current.get(BBB_RECORDING_READY_URL));
    }
    if (recordingReadyUrl.isPresent()) {
      params = params.withoutAll(RECORDING_READY_URLS);
    }

    Params forwarded = Precedence.merge(defaults, context.tenant(), params.withoutAll(dropped), overrides, SERVER_TAG);
    return new RewrittenCreate(forwarded, analyticsCallbackUrl, recordingReadyUrl);
  }

  /**
   * Ruby's {@code String#to_i}, which Scalelite applies to {@code duration}: leading whitespace, an optional sign, then
   * digits (single underscores between them allowed) up to the first other character; nothing numeric is 0. Saturates
   * instead of growing into a bignum, which compares the same against the cap.
   */
  static long rubyToI(@Nullable String text) {
    if (text == null) {
      return 0;
    }
    int i = 0;
    int length = text.length();
    while (i < length && isRubySpace(text.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    long value = 0;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c == '_' && i > 0 && isDigit(text.charAt(i - 1)) && i + 1 < length && isDigit(text.charAt(i + 1))) {
        continue;
      }
      if (!isDigit(c)) {
        break;
      }
      int digit = c - '0';
      value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
    }
    return negative ? -value : value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isRubySpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
