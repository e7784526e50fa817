package io.switchboard.proxy.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.switchboard.proxy.upstream.UpstreamTransport;

/**
 * The event loops and socket types of one process: native epoll where Linux offers it (faster, and it can cork file
 * responses), the JDK's NIO elsewhere. Front-end and upstream connections share the same loops, so an upstream call
 * runs on the thread of the connection that made it.
 */
public record Transport(
    EventLoopGroup group, Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> channel) {

  /** Event loops for {@code threads} threads; 0 means Netty's default of twice the processor count. */
  public static Transport create(int threads) {
    if (Epoll.isAvailable()) {
      return new Transport(new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory()),
          EpollServerSocketChannel.class, EpollSocketChannel.class);
    }
    IoHandlerFactory nio = NioIoHandler.newFactory();
    return new Transport(new MultiThreadIoEventLoopGroup(threads, nio), NioServerSocketChannel.class,
        NioSocketChannel.class);
  }

  public boolean nativeEpoll() {
    return serverChannel == EpollServerSocketChannel.class;
  }

  /** The socket types the upstream client needs to open connections and resolve names on these loops. */
  public UpstreamTransport upstream() {
    return nativeEpoll()
        ? new UpstreamTransport(EpollSocketChannel.class, EpollDatagramChannel.class)
        : UpstreamTransport.nio();
  }
}
