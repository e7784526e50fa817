package io.switchboard.proxy.dialin;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.conf.DialInConfig;
import io.switchboard.proxy.metrics.BasicAuthentication;
import io.switchboard.routing.dialin.DialInCall;
import io.switchboard.routing.dialin.DialPlan;
import io.switchboard.routing.params.Params;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.ServerStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scalelite's {@code FsapiController} (spec §11.2): answers a FreeSWITCH call gateway's {@code mod_xml_curl} dial plan
 * requests, {@code POST /fsapi} with the call's variables as form data, with the document that prompts the caller for a
 * voice bridge, or bridges the call to the BBB server running the meeting that holds it. The gateway authenticates with
 * HTTP Basic, user {@code fsapi}, unless {@code switchboard.dial-in.authenticate} is false. Every other request goes on
 * to the next handler. A meeting is found by its voice bridge whatever its tenant and its server's state, as in
 * Scalelite. Answers are written on the connection's event loop; the connection reads nothing more until then.
 */
@Sharable
public final class FsapiHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(FsapiHandler.class);
  static final String PATH = "/fsapi";
  private static final String USER = "fsapi";
  private static final byte[] ACCESS_DENIED = "HTTP Basic: Access denied.\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] UNEXPECTED =
      "Switchboard could not answer this request.\n".getBytes(StandardCharsets.UTF_8);
  private static final String TEXT = "text/plain; charset=utf-8";

  private final @Nullable BasicAuthentication authentication;
  /** Scalelite's challenge, without {@link BasicAuthentication#challenge()}'s charset parameter. */
  private final String challenge;
  private final DialPlan dialPlan;
  private final MeetingStore meetings;
  private final ServerStore servers;

  /**
   * @param urlHost the public host, the realm of the Basic challenge as in Scalelite; {@code ""} for Rails' default
   *     realm
   */
  public FsapiHandler(DialInConfig config, String urlHost, MeetingStore meetings, ServerStore servers) {
    requireNonNull(config, "config");
    String realm = urlHost.isBlank() ? "Application" : urlHost.replace("\"", "");
    this.authentication = config.authenticate() ? new BasicAuthentication(USER, config.password(), realm) : null;
    this.challenge = "Basic realm=\"" + realm + "\"";
    this.dialPlan = new DialPlan(config.maxCallDuration(), config.voiceBridgeMinLength(),
        config.voiceBridgeMaxLength());
    this.meetings = requireNonNull(meetings, "meetings");
    this.servers = requireNonNull(servers, "servers");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || !isDialPlanRequest(request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      ctx.channel().config().setAutoRead(false);
      if (!authenticated(request)) {
        FullHttpResponse denied = response(HttpResponseStatus.UNAUTHORIZED, TEXT, ACCESS_DENIED);
        denied.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        write(ctx, denied);
        return;
      }
      String uri = request.uri();
      int question = uri.indexOf('?');
      Params form = Params.parse(question < 0 ? "" : uri.substring(question + 1))
          .withAll(Params.parse(request.content().toString(StandardCharsets.UTF_8)).asMap());
      CompletionStage<byte[]> answer;
      try {
        answer = answer(DialInCall.from(form));
      } catch (RuntimeException bug) {
        log.error("dial plan request failed before answering", bug);
        write(ctx, response(HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, UNEXPECTED));
        return;
      }
      answer.whenComplete((document, failure) -> {
        FullHttpResponse reply;
        if (failure != null) {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          log.warn("dial plan request failed: {}", cause.toString());
          reply = response(HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, UNEXPECTED);
        } else {
          reply = response(HttpResponseStatus.OK, DialPlan.contentType(), document);
        }
        if (ctx.executor().inEventLoop()) {
          write(ctx, reply);
        } else {
          ctx.executor().execute(() -> write(ctx, reply));
        }
      });
    } finally {
      ReferenceCountUtil.release(request);
    }
  }

  /** The prompt before the caller entered a PIN; then the bridge to the PIN's meeting, or the prompt again. */
  private CompletionStage<byte[]> answer(DialInCall call) {
    if (!call.answerable()) {
      log.warn("dial plan request for section '{}' without a dialled number, or not for the dialplan",
          call.section());
      return CompletableFuture.completedFuture(DialPlan.notFound());
    }
    if (!call.hasPin()) {
      log.info("prompting a caller of {} for a voice bridge", call.destination());
      return CompletableFuture.completedFuture(dialPlan.prompt(call));
    }
    return meetingOf(call).thenCompose(meeting -> {
      if (meeting.isEmpty()) {
        log.info("voice bridge {} matches no running meeting, prompting again", call.pin());
        return CompletableFuture.completedFuture(dialPlan.reprompt(call));
      }
      return servers.find(meeting.get().serverId()).thenApply(server -> {
        if (server.isEmpty() || server.get().url().getHost() == null) {
          // The server was removed while its meetings ran: nowhere to bridge to.
          log.warn("voice bridge {}: meeting {} is on server {}, which is gone; prompting again", call.pin(),
              meeting.get().id(), meeting.get().serverId());
          return dialPlan.reprompt(call);
        }
        log.info("bridging a call into meeting {} on server {}", meeting.get().id(), server.get().id());
        return DialPlan.bridge(call, meeting.get().id(), server.get().url().getHost());
      });
    });
  }

  /** The meeting holding the PIN, else, for a PIN long enough to be a breakout room's, the one holding its parent's. */
  private CompletionStage<Optional<MeetingRecord>> meetingOf(DialInCall call) {
    return meetings.findByVoiceBridge(call.pin()).thenCompose(found -> {
      Optional<String> parent = call.breakoutParentPin();
      return found.isPresent() || parent.isEmpty()
          ? CompletableFuture.completedFuture(found)
          : meetings.findByVoiceBridge(parent.get());
    });
  }

  private static boolean isDialPlanRequest(FullHttpRequest request) {
    if (!HttpMethod.POST.equals(request.method())) {
      return false;
    }
    String uri = request.uri();
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    return path.equals(PATH) || path.equals(PATH + "/");
  }

  private boolean authenticated(FullHttpRequest request) {
    return authentication == null || authentication.accepts(request);
  }

  private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }

  private static void write(ChannelHandlerContext ctx, FullHttpResponse response) {
    if (!ctx.channel().isActive()) {
      response.release();
      return;
    }
    ctx.writeAndFlush(response).addListener(written -> {
      if (written.isSuccess()) {
        ctx.channel().config().setAutoRead(true);
      }
    });
  }
}
