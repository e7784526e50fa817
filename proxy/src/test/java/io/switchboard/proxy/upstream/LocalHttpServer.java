package io.switchboard.proxy.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 for {@link UpstreamClientTest}: answers through a per-test {@link Responder},
 * records what it received and counts the connections it accepted.
 */
final class LocalHttpServer implements AutoCloseable {

  /** Answers one aggregated request; the server releases the request afterwards. */
  interface Responder {
    void respond(ChannelHandlerContext ctx, FullHttpRequest request);
  }

  /** A request as the server saw it. */
  record Received(String method, String uri, HttpHeaders headers, byte[] body) {}

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> firstClose = new CompletableFuture<>();
  private final Channel serverChannel;

  private LocalHttpServer(Responder responder) {
    serverChannel = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            accepted.incrementAndGet();
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            ch.closeFuture().addListener(f -> {
              open.decrementAndGet();
              firstClose.complete(null);
            });
            ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                .addLast(new SimpleChannelInboundHandler<FullHttpRequest>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                    received.add(new Received(
                        request.method().name(),
                        request.uri(),
                        request.headers().copy(),
                        ByteBufUtil.getBytes(request.content())));
                    responder.respond(ctx, request);
                  }
                });
          }
        })
        .bind("127.0.0.1", 0)
        .syncUninterruptibly()
        .channel();
  }

  static LocalHttpServer start(Responder responder) {
    return new LocalHttpServer(responder);
  }

  /** Answers 200 with {@code body} (Content-Length framed, keep-alive). */
  static void answer(ChannelHandlerContext ctx, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(response);
  }

  /** Writes {@code raw} to the socket past the HTTP encoder, then closes the connection. */
  static void answerRaw(ChannelHandlerContext ctx, String raw) {
    ctx.pipeline()
        .firstContext()
        .writeAndFlush(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1))
        .addListener(ChannelFutureListener.CLOSE);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  int acceptedConnections() {
    return accepted.get();
  }

  int maxOpenConnections() {
    return maxOpen.get();
  }

  /** Completes when the first accepted connection has closed, whichever side closed it. */
  CompletableFuture<Void> firstConnectionClosed() {
    return firstClose;
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
