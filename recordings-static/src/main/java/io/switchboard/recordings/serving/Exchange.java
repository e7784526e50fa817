package io.switchboard.recordings.serving;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One playback request being answered on its connection: what the answer needs from the request (copied, so the
 * request can be released at once) and the writes of every kind of answer. Reading stops while the answer is in
 * flight, so pipelined requests wait in the FlowControlHandler in front, and auto-read is put back as it was found
 * once the last write succeeded; a failed write closes the connection, whose client cannot tell where a cut-off body
 * ends. HttpServerKeepAliveHandler, earlier in the pipeline, closes connections whose request asked for it.
 *
 * <p>File bodies go zero-copy on plain connections: the head, a {@link DefaultFileRegion} (sendfile) and the empty
 * last content, with {@code TCP_CORK} set around them on native epoll so head and data leave in full segments (NGINX's
 * {@code tcp_nopush}; platform notes "Cork file responses"). On TLS connections the body is an
 * {@link HttpChunkedInput} over the file, written by the ChunkedWriteHandler the proxy adds to TLS pipelines. Used on
 * the connection's event loop only.
 */
final class Exchange {
  private static final Logger log = LoggerFactory.getLogger(Exchange.class);
  // A few TLS records per chunk: fewer, larger writes than Netty's 8 KiB default.
  private static final int TLS_CHUNK_SIZE = 64 * 1024;

  private final ChannelHandlerContext ctx;
  private final HttpVersion requestVersion;
  private final boolean keepAlive;
  private final boolean head;
  private final boolean wasAutoRead;
  private final boolean tls;
  private final String path;
  private final String query;
  private final ConditionalRequest conditions;
  private final List<String> cookies;
  private final boolean secure;
  private final Optional<String> hostLabel;
  private ServedListener listener = ServedListener.NONE;
  private String format = "";

  private Exchange(ChannelHandlerContext ctx, HttpRequest request, boolean tls) {
    this.ctx = ctx;
    this.requestVersion = request.protocolVersion();
    this.keepAlive = HttpUtil.isKeepAlive(request);
    this.head = HttpMethod.HEAD.equals(request.method());
    this.wasAutoRead = ctx.channel().config().isAutoRead();
    this.tls = tls;
    String target = request.uri();
    int question = target.indexOf('?');
    this.path = question < 0 ? target : target.substring(0, question);
    this.query = question < 0 ? "" : target.substring(question + 1);
    this.conditions = ConditionalRequest.of(request.headers());
    this.cookies = List.copyOf(request.headers().getAll(HttpHeaderNames.COOKIE));
    this.secure = tls || forwardedHttps(request.headers());
    this.hostLabel = HostLabel.of(request.headers());
  }

  /** Takes {@code request} over (the caller still releases it) and stops reading until it is answered. */
  static Exchange begin(ChannelHandlerContext ctx, HttpRequest request, boolean tls) {
    Exchange exchange = new Exchange(ctx, request, tls);
    ctx.channel().config().setAutoRead(false);
    return exchange;
  }

  /** Reports the answer of this request, for a file of {@code format}, to {@code listener}. */
  void reportTo(ServedListener listener, String format) {
    this.listener = listener;
    this.format = format;
  }

  boolean head() {
    return head;
  }

  /** Whether the client reached us over HTTPS: TLS here, or {@code X-Forwarded-Proto: https} from a front proxy. */
  boolean secure() {
    return secure;
  }

  /** The first label of the host the request was sent to, which names its tenant (see {@link HostLabel}). */
  Optional<String> hostLabel() {
    return hostLabel;
  }

  ConditionalRequest conditions() {
    return conditions;
  }

  List<String> cookies() {
    return cookies;
  }

  boolean connected() {
    return ctx.channel().isActive();
  }

  void notFound() {
    ByteBuf content = head ? Unpooled.EMPTY_BUFFER : NotFoundPage.content();
    DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
        content);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, ContentTypes.HTML)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, NotFoundPage.length());
    send(response);
  }

  /** An answer without a body: a store failure (500), a saturated blocking executor (503). */
  void status(HttpResponseStatus status) {
    DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    send(response);
  }

  void redirect(HttpResponseStatus status, String location, @Nullable String setCookie) {
    DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    response.headers()
        .set(HttpHeaderNames.LOCATION, location)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    if (setCookie != null) {
      response.headers().set(HttpHeaderNames.SET_COOKIE, setCookie);
    }
    send(response);
  }

  /** The request's own path with a trailing slash (and its query), for a directory named without one. */
  void addSlash() {
    redirect(HttpResponseStatus.MOVED_PERMANENTLY, path + '/' + (query.isEmpty() ? "" : "?" + query), null);
  }

  /** Answers with {@code found}: 304, 416, or the file's bytes (whole or one range) or, to HEAD, only their headers. */
  void file(FileLookup.Found found, FilePolicy policy) {
    FileStat stat = found.stat();
    FilePlan plan = found.plan();
    @Nullable FileChannel body = found.body();
    HttpResponseStatus status = statusOf(plan);
    HttpResponse response = body == null
        ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER)
        : new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    String fileName = found.file().getFileName().toString();
    HttpHeaders headers = response.headers()
        .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
        .set(HttpHeaderNames.ETAG, stat.etag())
        .set(HttpHeaderNames.LAST_MODIFIED, stat.lastModified())
        .set(HttpHeaderNames.CACHE_CONTROL, policy.cacheControl(fileName));
    long start = 0;
    long length = stat.size();
    if (plan instanceof FilePlan.Unsatisfiable) {
      headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + stat.size());
      length = 0;
    } else if (!(plan instanceof FilePlan.NotModified)) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, ContentTypes.of(fileName));
      if (policy.attachment()) {
        headers.set(HttpHeaderNames.CONTENT_DISPOSITION, FilePolicy.attachmentValue());
      }
      if (plan instanceof FilePlan.Partial partial) {
        RangeHeader.Slice slice = partial.slice();
        headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + slice.start() + '-' + slice.end() + '/' + stat.size());
        start = slice.start();
        length = slice.length();
      }
    }
    // A 304 states the length a 200 would have (RFC 9110 §8.6), which also keeps the connection alive.
    headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
    if (body == null) {
      send(response);
    } else {
      sendBody(response, body, start, length);
    }
  }

  private static HttpResponseStatus statusOf(FilePlan plan) {
    if (plan instanceof FilePlan.NotModified) {
      return HttpResponseStatus.NOT_MODIFIED;
    }
    if (plan instanceof FilePlan.Unsatisfiable) {
      return HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
    }
    return plan instanceof FilePlan.Partial ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK;
  }

  private void report(HttpResponse response, long bytes) {
    if (!format.isEmpty()) {
      listener.served(format, response.status().code(), head ? 0 : bytes);
    }
  }

  private void send(HttpResponse response) {
    report(response, response instanceof FullHttpResponse full ? full.content().readableBytes() : 0);
    HttpUtil.setKeepAlive(response.headers(), requestVersion, keepAlive);
    ctx.writeAndFlush(response).addListener(this::written);
  }

  private void sendBody(HttpResponse response, FileChannel file, long start, long length) {
    HttpUtil.setKeepAlive(response.headers(), requestVersion, keepAlive);
    Channel channel = ctx.channel();
    ChannelFuture last;
    if (tls) {
      HttpChunkedInput chunks;
      try {
        chunks = new HttpChunkedInput(new ChunkedNioFile(file, start, length, TLS_CHUNK_SIZE));
      } catch (IOException e) {
        close(file);
        status(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        return;
      }
      report(response, length);
      ctx.write(response);
      last = ctx.writeAndFlush(chunks);
      last.addListener(done -> {
        close(file);
        written(done);
      });
      return;
    }
    boolean cork = channel instanceof EpollSocketChannel;
    if (cork) {
      cork(channel, true);
    }
    report(response, length);
    ctx.write(response);
    ctx.write(new DefaultFileRegion(file, start, length));
    last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    last.addListener(done -> {
      // Written or failed, the channel released the region, which closed the file; closing again covers a write
      // refused before the region reached the channel.
      if (!done.isSuccess()) {
        close(file);
      }
      if (cork) {
        cork(channel, false);
      }
      written(done);
    });
  }

  private void written(Future<?> done) {
    if (done.isSuccess()) {
      if (wasAutoRead) {
        ctx.channel().config().setAutoRead(true);
      }
    } else {
      log.debug("closing {}: {}", ctx.channel(), String.valueOf(done.cause()));
      ctx.close();
    }
  }

  private static void cork(Channel channel, boolean on) {
    try {
      ((EpollSocketChannel) channel).config().setTcpCork(on);
    } catch (ChannelException e) {
      // The socket is gone; the write's own failure closes the connection.
    }
  }

  private static void close(FileChannel file) {
    try {
      file.close();
    } catch (IOException ignored) {
      // Read-only file: nothing is lost when its close fails.
    }
  }

  private static boolean forwardedHttps(HttpHeaders headers) {
    return HostLabel.firstValue(headers.get("X-Forwarded-Proto")).toLowerCase(Locale.ROOT).equals("https");
  }
}
