package io.switchboard.proxy.logging;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per BBB API call on the {@value #LOGGER} logger: the call, the meeting, the server it went to, the outcome
 * and the time taken, as SLF4J key-value pairs (fields of their own in JSON lines). Only these values are logged —
 * never the query string, so checksums, secrets, passwords and tokens cannot reach the log.
 */
public final class AccessLog {
  /** Turned off by {@code switchboard.logging.api-calls = false}. */
  public static final String LOGGER = "io.switchboard.access";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private AccessLog() {}

  /**
   * @param call the BBB call name, e.g. {@code create}
   * @param meetingId the request's meetingID, or null
   * @param serverId the server the call went to, or null when it was answered without one
   * @param outcome {@code success} or the messageKey of the FAILED answer
   * @param status the HTTP status answered
   */
  public static void apiCall(String call, @Nullable String meetingId, @Nullable String serverId, String outcome,
      int status, long nanos) {
    if (!log.isInfoEnabled()) {
      return;
    }
    log.atInfo()
        .addKeyValue("call", call)
        .addKeyValue("meeting", meetingId == null ? "-" : meetingId)
        .addKeyValue("server", serverId == null ? "-" : serverId)
        .addKeyValue("outcome", outcome)
        .addKeyValue("status", status)
        .addKeyValue("ms", nanos / 1_000_000)
        .log("api");
  }
}
