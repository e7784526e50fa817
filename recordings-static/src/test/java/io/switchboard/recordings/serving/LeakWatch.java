package io.switchboard.recordings.serving;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class that leaked a reference-counted buffer: Netty's paranoid leak detector (set by the root pom)
 * only logs, after the leaked buffer was collected and another allocated, so this listens to its logger, collects
 * garbage and allocates after the class, and fails on any report.
 */
final class LeakWatch implements BeforeAllCallback, AfterAllCallback {
  private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    reports.start();
    detector().addAppender(reports);
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    try {
      for (int round = 0; round < 3; round++) {
        System.gc();
        Thread.sleep(50);
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        pooled.release();
        ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
        unpooled.release();
      }
      List<String> leaks = reports.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(message -> message.contains("LEAK")).toList();
      if (!leaks.isEmpty()) {
        throw new AssertionError(context.getDisplayName() + " leaked:\n" + String.join("\n\n", leaks));
      }
    } finally {
      detector().detachAppender(reports);
      reports.stop();
    }
  }

  private static Logger detector() {
    return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
  }
}
