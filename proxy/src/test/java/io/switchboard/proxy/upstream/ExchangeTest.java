package io.switchboard.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.switchboard.proxy.upstream.UpstreamException.Kind;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExchangeTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new DecoderException(new TooLongHttpContentException("Response entity too large")), Kind.TOO_LARGE),
        Arguments.of(new TooLongHttpHeaderException("HTTP header is larger than 8192 bytes."), Kind.TOO_LARGE),
        Arguments.of(new PrematureChannelClosureException("Connection closed before received headers"), Kind.CLOSED),
        Arguments.of(new SocketException("Connection reset"), Kind.CLOSED),
        Arguments.of(new ClosedChannelException(), Kind.CLOSED),
        Arguments.of(new DecoderException(new SSLException("bad record MAC")), Kind.PROTOCOL),
        Arguments.of(new IllegalArgumentException("invalid version format: SSH-2.0-OPENSSH_9.6"), Kind.PROTOCOL),
        Arguments.of(new NumberFormatException("For input string: \"lskdu\""), Kind.PROTOCOL));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failuresOnAnEstablishedConnectionAreClassifiedByCause(Throwable failure, Kind expected) {
    assertThat(Exchange.kindOf(failure)).isEqualTo(expected);
  }
}
