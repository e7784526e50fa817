package io.switchboard.proxy.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class NettyLeakExtensionTest {

  @Test
  void aLeakedBufferFailsTheCheck() {
    leakOneBuffer();

    assertThatThrownBy(() -> NettyLeakExtension.assertNoLeaks("leaky test"))
        .as("paranoid leak detection must turn a forgotten release() into a failure")
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("leaky test leaked");
  }

  @Test
  void releasedBuffersPass() {
    ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
    buffer.writeLong(42);
    buffer.release();

    assertThatCode(() -> NettyLeakExtension.assertNoLeaks("clean test")).doesNotThrowAnyException();
  }

  private static void leakOneBuffer() {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
    leaked.writeLong(42);
  }
}
