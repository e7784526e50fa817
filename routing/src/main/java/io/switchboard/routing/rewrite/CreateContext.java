package io.switchboard.routing.rewrite;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the create handler decided before forwarding a create (spec §4.5 steps 3–10), handed to
 * {@link CreateRewriter#rewrite}.
 *
 * @param voiceBridge the meeting's stored voice bridge, which always replaces the client's
 * @param moderatorPassword the meeting's stored moderator password; forwarded only for a new meeting
 * @param serverTag the tag to forward as {@code meta_server-tag}, normally {@code Selection.Chosen.matchedTag()}; empty
 *     removes the parameter (untagged server)
 * @param newMeeting whether this create allocated the meeting; an existing meeting keeps the client's {@code moderatorPW}
 * @param analyticsCallbackUrl Switchboard's own analytics callback endpoint
 *     ({@code https://<URL_HOST>/bigbluebutton/api/analytics_callback}), or {@code ""} to leave
 *     {@code meta_analytics-callback-url} untouched
 * @param takeRecordingReadyUrls whether Switchboard notifies the front-end itself when a recording is ready, so the
 *     recording-ready URLs are taken out of the create (Scalelite); false leaves them for the BBB server to call
 * @param tenant the tenant the create came through, whose id and name are added as metadata and whose settings are
 *     merged in; empty without multitenancy
 * @param lrsPayload what becomes of {@code meta_secret-lrs-payload}: the tenant's LRS payload for the chosen server
 *     (§4.5 step 9, §11.5)
 */
public record CreateContext(String voiceBridge, String moderatorPassword, Optional<String> serverTag,
    boolean newMeeting, String analyticsCallbackUrl, boolean takeRecordingReadyUrls, Optional<TenantParams> tenant,
    LrsPayloadParam lrsPayload) {

  public CreateContext {
    requireNonNull(voiceBridge, "voiceBridge");
    requireNonNull(moderatorPassword, "moderatorPassword");
    requireNonNull(serverTag, "serverTag");
    requireNonNull(analyticsCallbackUrl, "analyticsCallbackUrl");
    requireNonNull(tenant, "tenant");
    requireNonNull(lrsPayload, "lrsPayload");
    if (voiceBridge.isBlank()) {
      throw new IllegalArgumentException("voiceBridge: '" + voiceBridge + "' (expected: the allocated voice bridge)");
    }
    if (newMeeting && moderatorPassword.isBlank()) {
      throw new IllegalArgumentException(
          "moderatorPassword: '" + moderatorPassword + "' (expected: the stored password of the new meeting)");
    }
  }

  /** A create whose {@code meta_secret-lrs-payload} is left as the client sent it: no LRS configured. */
  public CreateContext(String voiceBridge, String moderatorPassword, Optional<String> serverTag, boolean newMeeting,
      String analyticsCallbackUrl, boolean takeRecordingReadyUrls, Optional<TenantParams> tenant) {
    this(voiceBridge, moderatorPassword, serverTag, newMeeting, analyticsCallbackUrl, takeRecordingReadyUrls, tenant,
        LrsPayloadParam.UNTOUCHED);
  }
}
