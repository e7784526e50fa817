package io.switchboard.proxy.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The channel classes matching the event loops the server runs on: TCP for BBB connections, UDP for the non-blocking
 * DNS resolver. There is no event loop group here on purpose: {@link UpstreamClient} bootstraps every connection on
 * the loop passed to {@link UpstreamClient#send}, i.e. the inbound channel's own loop, so the transport must be the
 * one that loop's group was built for: {@link #nio()} for an {@code NioIoHandler} group, {@code
 * new UpstreamTransport(EpollSocketChannel.class, EpollDatagramChannel.class)} for an {@code EpollIoHandler} group.
 */
public record UpstreamTransport(
    Class<? extends SocketChannel> socketChannelType, Class<? extends DatagramChannel> datagramChannelType) {

  public UpstreamTransport {
    requireNonNull(socketChannelType, "socketChannelType");
    requireNonNull(datagramChannelType, "datagramChannelType");
  }

  /** The JDK NIO transport, available everywhere. */
  public static UpstreamTransport nio() {
    return new UpstreamTransport(NioSocketChannel.class, NioDatagramChannel.class);
  }
}
