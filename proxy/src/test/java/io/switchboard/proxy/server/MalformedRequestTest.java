package io.switchboard.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Broken HTTP from a client gets a 4xx and a clean close, over a real socket, never a hang. */
class MalformedRequestTest {
  private static SwitchboardFixture switchboard;

  @BeforeAll
  static void start() {
    switchboard = SwitchboardFixture.start(1, "switchboard.http.idle-timeout = 2s");
  }

  @AfterAll
  static void stop() {
    switchboard.close();
  }

  @Test
  void malformedRequestLineIsABadRequest() throws IOException {
    String reply = exchange("THIS IS NOT HTTP\r\n\r\n", false);

    assertThat(reply).startsWith("HTTP/1.1 400 Bad Request").contains("connection: close");
  }

  @Test
  void tooLongHeaderIsRefused() throws IOException {
    String reply = exchange("GET /bigbluebutton/api HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
        false);

    assertThat(reply).startsWith("HTTP/1.1 431 Request Header Fields Too Large");
  }

  @Test
  void tooLongRequestLineIsRefused() throws IOException {
    String reply = exchange("GET /bigbluebutton/api/create?" + "a=b&".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
        false);

    assertThat(reply).startsWith("HTTP/1.1 414 Request-URI Too Long");
  }

  @Test
  void truncatedBodyThenHalfCloseIsABadRequest() throws IOException {
    String reply = exchange("POST /bigbluebutton/api/create?meetingID=x HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/xml\r\nContent-Length: 100\r\n\r\n<modules>", true);

    assertThat(reply).startsWith("HTTP/1.1 400 Bad Request");
  }

  @Test
  void truncatedBodyThatStallsTimesOut() throws IOException {
    String reply = exchange("POST /bigbluebutton/api/create?meetingID=x HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/xml\r\nContent-Length: 100\r\n\r\n<modules>", false);

    assertThat(reply).startsWith("HTTP/1.1 408 Request Timeout");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    String reply = exchange("GET /health_check HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /bigbluebutton/api HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false);

    assertThat(reply.indexOf("success")).isPositive().isLessThan(reply.indexOf("<version>2.0</version>"));
  }

  /** Sends raw bytes and reads until the server closes the connection (the socket times out after 10 s). */
  private static String exchange(String request, boolean shutdownOutput) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", switchboard.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      if (shutdownOutput) {
        socket.shutdownOutput();
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      in.transferTo(reply);
      return reply.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
