package io.switchboard.proxy.api;

import io.netty.channel.EventLoop;
import io.switchboard.conf.ChecksumAlgorithm;
import io.switchboard.conf.UpstreamConfig;
import io.switchboard.proxy.metrics.SwitchboardMetrics;
import io.switchboard.proxy.upstream.UpstreamClient;
import io.switchboard.proxy.upstream.UpstreamException;
import io.switchboard.proxy.upstream.UpstreamRequest;
import io.switchboard.proxy.upstream.UpstreamResponse;
import io.switchboard.routing.checksum.RequestSigner;
import io.switchboard.routing.params.Params;
import io.switchboard.storage.ServerRecord;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Calls one BBB server's API: builds the URL for a call, signs it with that server's secret (spec §3.6) and sends it
 * through the pooled upstream client. Servers the poller has marked offline get Scalelite's shortened timeouts, so a
 * dead server costs a front-end about a second instead of ten.
 */
public final class BbbBackend {
  private final UpstreamClient client;
  private final UpstreamConfig timeouts;
  private final ChecksumAlgorithm algorithm;
  private final @Nullable SwitchboardMetrics metrics;

  public BbbBackend(UpstreamClient client, UpstreamConfig timeouts, ChecksumAlgorithm algorithm) {
    this(client, timeouts, algorithm, null);
  }

  /** @param metrics where every call's server, outcome and time are recorded, or null */
  public BbbBackend(UpstreamClient client, UpstreamConfig timeouts, ChecksumAlgorithm algorithm,
      @Nullable SwitchboardMetrics metrics) {
    this.client = client;
    this.timeouts = timeouts;
    this.algorithm = algorithm;
    this.metrics = metrics;
  }

  /** The signed URL of {@code call} on {@code server}, e.g. the {@code join} URL a browser is redirected to. */
  public URI url(ServerRecord server, String call, Params params) {
    String base = server.url().toString();
    String separator = base.endsWith("/") ? "" : "/";
    return URI.create(base + separator + call + "?" + RequestSigner.signedQuery(call, params, server.secret(), algorithm));
  }

  /** GET of {@code call}; the API's own calls to offline servers use shortened timeouts. */
  public CompletionStage<UpstreamResponse> get(EventLoop loop, ServerRecord server, String call, Params params) {
    return send(loop, server, call, params, null, "", server.online());
  }

  /** GET with the normal timeouts, whatever the server's state: for the poller and the getMeetings fan-out. */
  public CompletionStage<UpstreamResponse> poll(EventLoop loop, ServerRecord server, String call, Params params) {
    return send(loop, server, call, params, null, "", true);
  }

  /** POST of {@code body} with the parameters in the query string, as BBB expects for XML documents. */
  public CompletionStage<UpstreamResponse> post(
      EventLoop loop, ServerRecord server, String call, Params params, byte[] body, String contentType) {
    return send(loop, server, call, params, body, contentType, server.online());
  }

  private CompletionStage<UpstreamResponse> send(
      EventLoop loop, ServerRecord server, String call, Params params, byte @Nullable [] body, String contentType,
      boolean normalTimeouts) {
    Duration connect = normalTimeouts ? timeouts.connectTimeout() : timeouts.offlineConnectTimeout();
    Duration response = normalTimeouts ? timeouts.responseTimeout() : timeouts.offlineResponseTimeout();
    boolean post = body != null && body.length > 0;
    CompletionStage<UpstreamResponse> sent = client.send(loop, new UpstreamRequest(url(server, call, params), post,
        post ? body : null, contentType, connect, response));
    if (metrics == null) {
      return sent;
    }
    long start = System.nanoTime();
    SwitchboardMetrics recorder = metrics;
    return sent.whenComplete((answer, failure) ->
        recorder.upstreamCall(server.id(), outcome(failure), System.nanoTime() - start));
  }

  /** A bounded outcome tag: {@code ok}, {@code timeout}, {@code refused} (no connection) or {@code error}. */
  private static String outcome(@Nullable Throwable failure) {
    if (failure == null) {
      return "ok";
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof UpstreamException upstream) {
      return switch (upstream.kind()) {
        case TIMEOUT -> "timeout";
        case CONNECT -> "refused";
        default -> "error";
      };
    }
    return "error";
  }
}
