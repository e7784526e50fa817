package io.switchboard.routing.xml;

import static java.util.Objects.requireNonNull;

/**
 * A BBB-style failure: the {@code messageKey} and English {@code message} of a {@code returncode=FAILED} answer, always
 * sent with HTTP 200 (spec §3.5). The constants are Scalelite's error catalogue with its exact strings, so front-ends
 * that match on message text keep working; errors a backend returned are relayed with their own key and message.
 */
public record BbbError(String messageKey, String message) {
  public static final BbbError CHECKSUM_ERROR =
      new BbbError("checksumError", "You did not pass the checksum security check");
  public static final BbbError MISSING_MEETING_ID =
      new BbbError("missingParamMeetingID", "You must specify a meeting ID for the meeting.");
  public static final BbbError MEETING_NOT_FOUND = new BbbError("notFound",
      "We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?");
  public static final BbbError RECORDINGS_NOT_FOUND = new BbbError("notFound", "We could not find recordings");
  public static final BbbError UNSUPPORTED_REQUEST = new BbbError("unsupportedRequest", "This request is not supported.");
  public static final BbbError UNSUPPORTED_CONTENT_TYPE =
      new BbbError("unsupportedContentType", "POST request Content-Type is missing or unsupported");
  public static final BbbError UNABLE_TO_ACCESS_MEETING = internalError("Unable to access meeting on server.");
  public static final BbbError UNABLE_TO_ACCESS_SERVER = internalError("Unable to access server.");
  public static final BbbError UNABLE_TO_CREATE_MEETING = internalError("Unable to create meeting on server.");
  public static final BbbError UNABLE_TO_INSERT_DOCUMENT = internalError("Unable to insert document on server.");
  public static final BbbError NO_AVAILABLE_SERVERS = internalError("Could not find any available servers.");
  public static final BbbError NO_RETURNCODE = internalError("Response did not include returncode");
  public static final BbbError UNABLE_TO_PUBLISH_RECORDING = internalError("Unable to publish/unpublish recording.");
  public static final BbbError UNABLE_TO_DELETE_RECORDING = internalError("Unable to delete recording.");
  public static final BbbError SERVER_UNAVAILABLE =
      new BbbError("serverUnavailable", "The server for this meeting is disabled/offline.");
  public static final BbbError MISSING_PARAMETERS =
      new BbbError("missingParameters", "param meetingID or recordID must be included.");
  public static final BbbError MISSING_RECORD_ID = new BbbError("missingParamRecordID", "You must specify a recordID.");
  public static final BbbError MISSING_PUBLISH =
      new BbbError("missingParamPublish", "You must specify a publish value true or false.");

  public BbbError {
    requireNonNull(messageKey, "messageKey");
    requireNonNull(message, "message");
  }

  /**
   * {@code serverTagUnavailable} for a create whose required tags no server carries; {@code tags} is the
   * {@code meta_server-tag} value without its trailing {@code !}, e.g. {@code test-tag} or {@code a;b}.
   */
  public static BbbError serverTagUnavailable(String tags) {
    return new BbbError("serverTagUnavailable", "There is no available server with the required tag=" + tags + ".");
  }

  /**
   * An {@code internalError} with a message of its own, such as Rails' record-not-found texts
   * ({@code Couldn't find Server with id=bbb1}) that Scalelite lets through.
   */
  public static BbbError internalError(String message) {
    return new BbbError("internalError", message);
  }
}
