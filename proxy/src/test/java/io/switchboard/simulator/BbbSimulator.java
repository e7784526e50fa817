package io.switchboard.simulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of fake BigBlueButton servers ({@link SimulatedBbb}) on 127.0.0.1 ephemeral ports, sharing one NIO event
 * loop group, for Switchboard's integration tests and load harness. It speaks real HTTP and validates checksums as
 * bbb-web does (bbb-api.md §2) without using any Switchboard code, so it cannot share Switchboard's bugs. Close it to
 * stop every server and the event loops.
 */
public final class BbbSimulator implements AutoCloseable {
  private final EventLoopGroup group;
  private final List<SimulatedBbb> servers;

  private BbbSimulator(EventLoopGroup group, List<SimulatedBbb> servers) {
    this.group = group;
    this.servers = List.copyOf(servers);
  }

  /** Starts {@code servers} servers whose meetings take their createTime from the system clock. */
  public static BbbSimulator start(int servers) {
    return start(servers, Clock.systemUTC());
  }

  /** Starts {@code servers} servers whose meetings take their createTime from {@code clock}. */
  public static BbbSimulator start(int servers, Clock clock) {
    if (servers < 1) {
      throw new IllegalArgumentException("servers: " + servers + " (expected: >= 1)");
    }
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        new DefaultThreadFactory("bbb-sim", true), NioIoHandler.newFactory());
    List<SimulatedBbb> started = new ArrayList<>();
    try {
      for (int i = 0; i < servers; i++) {
        started.add(new SimulatedBbb(group, clock));
      }
    } catch (RuntimeException e) {
      new BbbSimulator(group, started).close();
      throw e;
    }
    return new BbbSimulator(group, started);
  }

  public List<SimulatedBbb> servers() {
    return servers;
  }

  public SimulatedBbb server(int index) {
    return servers.get(index);
  }

  /** Stops every server, then the event loop group; waits until both are done. */
  @Override
  public void close() {
    servers.forEach(SimulatedBbb::stop);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
