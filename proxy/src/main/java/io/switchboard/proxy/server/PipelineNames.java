package io.switchboard.proxy.server;

/**
 * Names of the handlers of a front-end connection's pipeline, in pipeline order:
 * <ol>
 *   <li>{@link #TLS} — TLS, when {@code switchboard.http.tls} is set</li>
 *   <li>{@link #IDLE} — closes connections idle for {@code switchboard.http.idle-timeout}</li>
 *   <li>{@link #HTTP_CODEC} — HTTP/1.1 decoding with the configured line, header and chunk limits</li>
 *   <li>{@link #MALFORMED} — answers what the codec could not decode with a 4xx and closes</li>
 *   <li>{@link #STALLED} — answers a request whose body never finishes with a 4xx and closes</li>
 *   <li>{@link #KEEP_ALIVE} — HTTP/1.1 persistent-connection rules</li>
 *   <li>{@link #IN_FLIGHT} — counts the requests not yet answered, so a graceful shutdown closes the connection once
 *       they are</li>
 *   <li>{@link #AGGREGATOR} — whole requests up to {@code switchboard.http.max-content-length}, 413 beyond</li>
 *   <li>{@link #CHUNKED_WRITER} — streams recording files in chunks over TLS, where sendfile cannot be used</li>
 *   <li>{@link #FLOW_CONTROL} — holds pipelined requests while one is answered, so answers leave in order</li>
 *   <li>{@link #METRICS} — Prometheus' scrape of {@code switchboard.metrics.path}, when served on the main port</li>
 *   <li>{@link #STATUS_PAGE} — the status page at {@code /status}, when an admin password is set</li>
 *   <li>{@link #HOST_AUTHORIZATION} — 403 for another Host than URL_HOST (only when it is set; health paths pass)</li>
 *   <li>{@link #HEALTH} — {@code /health_check}, {@code /}, {@code /livez}, {@code /readyz}</li>
 *   <li>{@link #RECORDINGS} — playback files and protected recording links, when recordings are enabled</li>
 *   <li>{@link #ADMIN} — Scalelite's admin API, {@code /scalelite/api/*}; passes every other path on</li>
 *   <li>{@link #DIAL_IN} — the FreeSWITCH dial plan API, {@code POST /fsapi}; passes every other request on</li>
 *   <li>{@link #API} — the BBB API</li>
 * </ol>
 */
public final class PipelineNames {
  public static final String TLS = "tls";
  public static final String IDLE = "idle";
  public static final String HTTP_CODEC = "http-codec";
  public static final String MALFORMED = "malformed-request";
  public static final String STALLED = "stalled-request";
  public static final String KEEP_ALIVE = "keep-alive";
  public static final String IN_FLIGHT = "in-flight";
  public static final String AGGREGATOR = "aggregator";
  public static final String CHUNKED_WRITER = "chunked-writer";
  public static final String FLOW_CONTROL = "flow-control";
  public static final String METRICS = "metrics";
  public static final String STATUS_PAGE = "status-page";
  public static final String HOST_AUTHORIZATION = "host-authorization";
  public static final String HEALTH = "health";
  public static final String RECORDINGS = "recordings";
  public static final String ADMIN = "admin";
  public static final String DIAL_IN = "dial-in";
  public static final String API = "api";

  private PipelineNames() {}
}
