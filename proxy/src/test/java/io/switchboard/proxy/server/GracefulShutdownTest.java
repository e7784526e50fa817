package io.switchboard.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.proxy.testing.RawHttp;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.SimulatedBbb;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Switchboard stopping while a front-end waits for a slow BBB server: the slow call is still answered, nobody new
 * gets in, load balancers are told it is draining, idle connections go at once — and the grace period bounds it all.
 */
class GracefulShutdownTest {
  private static final Duration SLOW = Duration.ofSeconds(5);

  private static String target(SwitchboardFixture switchboard, String call, String query) {
    URI signed = switchboard.signed(call, query);
    return signed.getRawPath() + "?" + signed.getRawQuery();
  }

  private static void awaitCall(SimulatedBbb bbb, String call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (bbb.callCount(call) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(bbb.callCount(call)).as(call + " reached the BBB server").isPositive();
  }

  private static void awaitRefused(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        Thread.sleep(10);
      } catch (IOException refused) {
        return;
      }
    }
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("new connections are refused")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aSlowCallIsAnsweredWhileNewConnectionsAreRefusedAndReadinessSaysDraining() throws Exception {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1, "switchboard.upstream.response-timeout = 30s");
        Socket idle = RawHttp.connect(switchboard.port());
        Socket busy = RawHttp.connect(switchboard.port())) {
      int port = switchboard.port();
      RawHttp.send(idle, RawHttp.get("/readyz"));
      RawHttp.Reply ready = RawHttp.read(idle);
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ready");
      SimulatedBbb bbb = switchboard.bbb(0);
      bbb.setSlowDelay(SLOW);
      bbb.setMode(SimulatedBbb.Mode.SLOW);
      RawHttp.send(busy, RawHttp.get(target(switchboard, "create", "meetingID=slow&name=Slow"))
          + RawHttp.get("/readyz"));
      awaitCall(bbb, "create");

      long started = System.nanoTime();
      CompletableFuture<Void> stopped =
          CompletableFuture.runAsync(() -> switchboard.server().shutdown(Duration.ofSeconds(20)));

      assertThat(RawHttp.closedByServer(idle)).as("the idle keep-alive connection is closed").isTrue();
      awaitRefused(port);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("both before the slow call is answered")
          .isLessThan(SLOW);
      assertThat(stopped).as("shutdown waits for the slow call").isNotDone();

      RawHttp.Reply created = RawHttp.read(busy);
      assertThat(created.status()).isEqualTo(200);
      assertThat(created.body()).contains("<returncode>SUCCESS</returncode>").contains("<meetingID>slow</meetingID>");
      RawHttp.Reply draining = RawHttp.read(busy);
      assertThat(draining.status()).isEqualTo(503);
      assertThat(draining.body()).isEqualTo("draining");
      assertThat(draining.headers()).containsEntry("connection", "close");
      assertThat(RawHttp.closedByServer(busy)).isTrue();
      assertThat(stopped).succeedsWithin(Duration.ofSeconds(10));
      assertThat(bbb.meeting("slow")).as("the meeting the slow call created exists").isPresent();
    }
  }

  @Test
  void connectionsStillBusyAfterTheGracePeriodAreCut() throws Exception {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1);
        Socket busy = RawHttp.connect(switchboard.port())) {
      SimulatedBbb bbb = switchboard.bbb(0);
      bbb.setMode(SimulatedBbb.Mode.HANGING);
      RawHttp.send(busy, RawHttp.get(target(switchboard, "create", "meetingID=hung&name=Hung")));
      awaitCall(bbb, "create");

      long started = System.nanoTime();
      switchboard.server().shutdown(Duration.ofMillis(300));

      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the upstream timeout (2 s) is not waited for")
          .isLessThan(Duration.ofMillis(1_800));
      assertThat(RawHttp.closedByServer(busy)).as("cut without an answer").isTrue();
    }
  }
}
