package io.switchboard.routing.api;

import static io.switchboard.routing.api.HttpMethodName.GET;
import static io.switchboard.routing.api.HttpMethodName.POST;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every BBB API call Switchboard routes, keyed by the last path segment under {@code /bigbluebutton/api} (spec §2 route
 * table, bbb-api §1 and §5). Besides Scalelite's calls it lists the ones Scalelite drops to {@code unsupportedRequest}
 * but a 3.0 backend serves ({@code sendChatMessage}, the two text-track calls): Switchboard proxies those to the
 * backend that owns the meeting or recording. BBB 3.0's {@code getJoinUrl} is not listed: the client inside a meeting
 * calls it on its own server with a session token, never through a load balancer. A method outside {@link #methods()} is answered with
 * {@code unsupportedRequest}, as Rails' catch-all route does.
 */
public enum ApiCall {
  INDEX("", EnumSet.of(GET, POST), false, ContentTypeRule.FORM, false),
  CREATE("create", EnumSet.of(GET, POST), true, ContentTypeRule.FORM_OR_XML, false),
  JOIN("join", EnumSet.of(GET), true, ContentTypeRule.NONE, false),
  END("end", EnumSet.of(GET, POST), true, ContentTypeRule.FORM, true),
  IS_MEETING_RUNNING("isMeetingRunning", EnumSet.of(GET, POST), true, ContentTypeRule.FORM, true),
  GET_MEETING_INFO("getMeetingInfo", EnumSet.of(GET, POST), true, ContentTypeRule.FORM, true),
  GET_MEETINGS("getMeetings", EnumSet.of(GET, POST), true, ContentTypeRule.FORM, false),
  INSERT_DOCUMENT("insertDocument", EnumSet.of(POST), true, ContentTypeRule.XML_ONLY, true),
  SEND_CHAT_MESSAGE("sendChatMessage", EnumSet.of(GET, POST), true, ContentTypeRule.FORM, true),
  GET_RECORDING_TEXT_TRACKS("getRecordingTextTracks", EnumSet.of(GET, POST), true, ContentTypeRule.FORM, false),
  PUT_RECORDING_TEXT_TRACK("putRecordingTextTrack", EnumSet.of(POST), true, ContentTypeRule.FORM, false),
  GET_RECORDINGS("getRecordings", EnumSet.of(GET, POST), true, ContentTypeRule.FORM, false),
  PUBLISH_RECORDINGS("publishRecordings", EnumSet.of(GET), true, ContentTypeRule.NONE, false),
  UPDATE_RECORDINGS("updateRecordings", EnumSet.of(GET, POST), true, ContentTypeRule.FORM, false),
  DELETE_RECORDINGS("deleteRecordings", EnumSet.of(GET), true, ContentTypeRule.NONE, false),
  ANALYTICS_CALLBACK("analytics_callback", EnumSet.of(POST), false, ContentTypeRule.NONE, false);

  private static final Map<String, ApiCall> BY_NAME = new HashMap<>();

  static {
    for (ApiCall call : values()) {
      BY_NAME.put(call.callName, call);
    }
  }

  private final String callName;
  private final Set<HttpMethodName> methods;
  private final boolean checksumRequired;
  private final ContentTypeRule contentTypeRule;
  private final boolean meetingScoped;

  ApiCall(String callName, EnumSet<HttpMethodName> methods, boolean checksumRequired, ContentTypeRule contentTypeRule,
      boolean meetingScoped) {
    this.callName = callName;
    this.methods = Collections.unmodifiableSet(methods);
    this.checksumRequired = checksumRequired;
    this.contentTypeRule = contentTypeRule;
    this.meetingScoped = meetingScoped;
  }

  /** The call by its exact, case-sensitive path segment ({@code ""} is the API root); empty for unknown calls. */
  public static Optional<ApiCall> byName(String callName) {
    return Optional.ofNullable(BY_NAME.get(callName));
  }

  /** The path segment, which is also the prefix of the checksummed string (spec §3.3 step 5). */
  public String callName() {
    return callName;
  }

  public Set<HttpMethodName> methods() {
    return methods;
  }

  public boolean allows(HttpMethodName method) {
    return methods.contains(method);
  }

  public boolean checksumRequired() {
    return checksumRequired;
  }

  public ContentTypeRule contentTypeRule() {
    return contentTypeRule;
  }

  /** Whether the call needs a {@code meetingID} and is forwarded to the server that hosts that meeting. */
  public boolean meetingScoped() {
    return meetingScoped;
  }
}
