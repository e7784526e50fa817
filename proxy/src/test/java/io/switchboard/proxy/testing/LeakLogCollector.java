package io.switchboard.proxy.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the reports of Netty's resource leak detector (logger {@code io.netty.util.ResourceLeakDetector}, wired in
 * logback-test.xml) so {@link NettyLeakExtension} can fail the tests that leaked.
 */
public final class LeakLogCollector extends AppenderBase<ILoggingEvent> {
  private static final ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getFormattedMessage().contains("LEAK")) {
      reports.add(event.getFormattedMessage());
    }
  }

  /** The reports collected since the last call, which are then forgotten. */
  static List<String> drain() {
    List<String> drained = new ArrayList<>();
    for (String report = reports.poll(); report != null; report = reports.poll()) {
      drained.add(report);
    }
    return drained;
  }
}
