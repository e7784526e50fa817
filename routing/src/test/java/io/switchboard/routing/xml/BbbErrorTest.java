package io.switchboard.routing.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BbbErrorTest {

  static Stream<Arguments> scaleliteCatalogue() {
    return Stream.of(
        Arguments.of(BbbError.CHECKSUM_ERROR, "checksumError", "You did not pass the checksum security check"),
        Arguments.of(BbbError.MISSING_MEETING_ID, "missingParamMeetingID",
            "You must specify a meeting ID for the meeting."),
        Arguments.of(BbbError.MEETING_NOT_FOUND, "notFound",
            "We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?"),
        Arguments.of(BbbError.RECORDINGS_NOT_FOUND, "notFound", "We could not find recordings"),
        Arguments.of(BbbError.UNSUPPORTED_REQUEST, "unsupportedRequest", "This request is not supported."),
        Arguments.of(BbbError.UNSUPPORTED_CONTENT_TYPE, "unsupportedContentType",
            "POST request Content-Type is missing or unsupported"),
        Arguments.of(BbbError.UNABLE_TO_ACCESS_MEETING, "internalError", "Unable to access meeting on server."),
        Arguments.of(BbbError.UNABLE_TO_ACCESS_SERVER, "internalError", "Unable to access server."),
        Arguments.of(BbbError.UNABLE_TO_CREATE_MEETING, "internalError", "Unable to create meeting on server."),
        Arguments.of(BbbError.UNABLE_TO_INSERT_DOCUMENT, "internalError", "Unable to insert document on server."),
        Arguments.of(BbbError.NO_AVAILABLE_SERVERS, "internalError", "Could not find any available servers."),
        Arguments.of(BbbError.NO_RETURNCODE, "internalError", "Response did not include returncode"),
        Arguments.of(BbbError.UNABLE_TO_PUBLISH_RECORDING, "internalError", "Unable to publish/unpublish recording."),
        Arguments.of(BbbError.UNABLE_TO_DELETE_RECORDING, "internalError", "Unable to delete recording."),
        Arguments.of(BbbError.SERVER_UNAVAILABLE, "serverUnavailable",
            "The server for this meeting is disabled/offline."),
        Arguments.of(BbbError.serverTagUnavailable("a;b"), "serverTagUnavailable",
            "There is no available server with the required tag=a;b."),
        Arguments.of(BbbError.MISSING_PARAMETERS, "missingParameters", "param meetingID or recordID must be included."),
        Arguments.of(BbbError.MISSING_RECORD_ID, "missingParamRecordID", "You must specify a recordID."),
        Arguments.of(BbbError.MISSING_PUBLISH, "missingParamPublish",
            "You must specify a publish value true or false."),
        Arguments.of(BbbError.internalError("Couldn't find Server with id=bbb1"), "internalError",
            "Couldn't find Server with id=bbb1"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("scaleliteCatalogue")
  void carriesScalelitesExactStrings(BbbError error, String messageKey, String message) {
    assertThat(error.messageKey()).isEqualTo(messageKey);
    assertThat(error.message()).isEqualTo(message);
  }

  @Test
  void refusesNulls() {
    assertThatNullPointerException().isThrownBy(() -> new BbbError(null, "m")).withMessage("messageKey");
    assertThatNullPointerException().isThrownBy(() -> new BbbError("k", null)).withMessage("message");
  }
}
