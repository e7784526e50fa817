package io.switchboard.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class whose code leaked a reference-counted buffer. Netty's leak detector (paranoid in every test JVM)
 * only reports a leak after the buffer is garbage-collected and the next buffer is allocated, so after each class this
 * collects garbage, allocates to flush the detector's queue and fails on any report. Registered for every test class
 * through JUnit's extension auto-detection.
 */
public final class NettyLeakExtension implements AfterAllCallback {
  private static final int ROUNDS = 3;

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    assertNoLeaks(context.getDisplayName());
  }

  /** Flushes the leak detector and throws an {@link AssertionError} listing every leak reported since the last check. */
  static void assertNoLeaks(String testName) throws InterruptedException {
    for (int round = 0; round < ROUNDS; round++) {
      System.gc();
      Thread.sleep(50);
      ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
      pooled.release();
      ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
      unpooled.release();
    }
    List<String> leaks = LeakLogCollector.drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(testName + " leaked " + leaks.size() + " buffer(s):\n"
          + String.join("\n\n", leaks));
    }
  }
}
