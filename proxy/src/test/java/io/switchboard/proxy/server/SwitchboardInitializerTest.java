package io.switchboard.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.api.Api;
import io.switchboard.proxy.dialin.FsapiHandler;
import io.switchboard.proxy.health.HealthHandler;
import io.switchboard.proxy.health.Liveness;
import io.switchboard.proxy.health.Readiness;
import io.switchboard.recordings.api.RecordingsApi;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.proxy.api.BbbBackend;
import io.switchboard.proxy.upstream.UpstreamClient;
import io.switchboard.proxy.upstream.UpstreamLimits;
import io.switchboard.storage.Stores;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SwitchboardInitializerTest {

  @Test
  void pipelineIsInTheDocumentedOrder() {
    SwitchboardConfig config = ConfigLoader.load(Optional.empty(),
        Map.of("LOADBALANCER_SECRET", "s", "URL_HOST", "sl.example.com"));
    Transport transport = Transport.create(1);
    try (UpstreamClient upstream = UpstreamClient.create(transport.upstream(),
            UpstreamLimits.of(1, config.upstream().connectTimeout()));
        Stores stores = Stores.inMemory()) {
      BbbBackend backend = new BbbBackend(upstream, config.upstream(), config.api().outboundAlgorithm());
      EmbeddedChannel channel = new EmbeddedChannel(
          new SwitchboardInitializer(config.http(), config.api().urlHost(), false, new Connections(),
              new HealthHandler(new Readiness(stores, null, Runnable::run), new Liveness(transport.group())), null,
              new FsapiHandler(config.dialIn(), config.api().urlHost(), stores.meetings(), stores.servers()),
              Api.handler(config, stores, backend,
                  new RecordingsApi(config.recordings(), stores.recordings(), stores.recordingTokens(),
                      new RecordingFiles(config.recordings()), Clock.systemUTC(), Runnable::run),
                  Clock.systemUTC()), null, null, OperatorPages.NONE));

      assertThat(channel.pipeline().names()).startsWith(
          PipelineNames.IDLE, PipelineNames.HTTP_CODEC, PipelineNames.MALFORMED, PipelineNames.STALLED,
          PipelineNames.KEEP_ALIVE, PipelineNames.IN_FLIGHT, PipelineNames.AGGREGATOR, PipelineNames.FLOW_CONTROL,
          PipelineNames.HOST_AUTHORIZATION, PipelineNames.HEALTH, PipelineNames.DIAL_IN, PipelineNames.API);
      assertThat(channel.finishAndReleaseAll()).isFalse();
    } finally {
      transport.group().shutdownGracefully().syncUninterruptibly();
    }
  }
}
