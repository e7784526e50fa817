package io.switchboard.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 persistent connections over a raw socket (RFC 9112 §9.3): a front-end may send request after request on one
 * connection, including calls answered later by a BBB server, and Switchboard closes only when asked to.
 */
class KeepAliveTest {
  private static SwitchboardFixture switchboard;

  @BeforeAll
  static void start() {
    switchboard = SwitchboardFixture.start(1);
  }

  @AfterAll
  static void stop() {
    switchboard.close();
  }

  @Test
  void severalRequestsOnOneConnectionAreAllAnswered() throws IOException {
    try (Socket socket = connect()) {
      Reply health = exchange(socket, "GET /health_check HTTP/1.1\r\nHost: x\r\n\r\n");
      Reply version = exchange(socket, "GET /bigbluebutton/api HTTP/1.1\r\nHost: x\r\n\r\n");
      Reply meetings = exchange(socket, "GET " + target("getMeetings", "") + " HTTP/1.1\r\nHost: x\r\n\r\n");
      String form = "meetingID=nobody-here&checksum="
          + SwitchboardFixture.checksum("isMeetingRunning" + SwitchboardFixture.SECRET, "SHA-256");
      Reply running = exchange(socket, "POST /bigbluebutton/api/isMeetingRunning HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form);
      Reply again = exchange(socket, "GET /health_check HTTP/1.1\r\nHost: x\r\n\r\n");

      assertThat(health.body()).isEqualTo("success");
      assertThat(version.body()).contains("<version>2.0</version>");
      assertThat(meetings.body()).as("an answer that waited for the BBB server, on the same connection")
          .contains("<messageKey>noMeetings</messageKey>");
      assertThat(running.body()).contains("<running>false</running>");
      assertThat(again.body()).isEqualTo("success");
      for (Reply reply : new Reply[] {health, version, meetings, running, again}) {
        assertThat(reply.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(reply.headers()).as("a persistent connection is not announced as closing")
            .doesNotContainEntry("connection", "close");
      }
    }
  }

  @Test
  void pipelinedRequestsWaitingForABackendAreAnsweredInOrder() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET " + target("getMeetings", "") + " HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /health_check HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET " + target("getMeetings", "") + " HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /bigbluebutton/api HTTP/1.1\r\nHost: x\r\n\r\n");

      assertThat(read(socket).body()).contains("<messageKey>noMeetings</messageKey>");
      assertThat(read(socket).body()).as("the quick answer waits its turn").isEqualTo("success");
      assertThat(read(socket).body()).contains("<messageKey>noMeetings</messageKey>");
      assertThat(read(socket).body()).contains("<version>2.0</version>");
    }
  }

  @Test
  void connectionCloseIsHonouredAfterTheResponse() throws IOException {
    try (Socket socket = connect()) {
      Reply reply = exchange(socket, "GET /health_check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

      assertThat(reply.body()).isEqualTo("success");
      assertThat(reply.headers()).containsEntry("connection", "close");
      assertThat(socket.getInputStream().read()).as("the server closed after answering").isEqualTo(-1);
    }
  }

  @Test
  void http10WithoutKeepAliveIsClosedAfterTheResponse() throws IOException {
    try (Socket socket = connect()) {
      Reply reply = exchange(socket, "GET /bigbluebutton/api HTTP/1.0\r\n\r\n");

      assertThat(reply.statusLine()).endsWith(" 200 OK");
      assertThat(reply.body()).contains("<version>2.0</version>");
      assertThat(socket.getInputStream().read()).as("HTTP/1.0 connections are not persistent by default")
          .isEqualTo(-1);
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------------

  /** A response read off the wire: status line, lower-cased header names, body as UTF-8. */
  private record Reply(String statusLine, Map<String, String> headers, String body) {}

  /** A socket whose reads give up after 10 s, so a server that never answers or never closes fails the test. */
  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", switchboard.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static String target(String call, String query) {
    URI signed = switchboard.signed(call, query);
    return signed.getRawPath() + "?" + signed.getRawQuery();
  }

  private static Reply exchange(Socket socket, String request) throws IOException {
    send(socket, request);
    return read(socket);
  }

  private static void send(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads exactly one response, delimited by its Content-Length, leaving the connection positioned at the next one. */
  private static Reply read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String statusLine = line(in);
    Map<String, String> headers = new HashMap<>();
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    assertThat(headers).as("every answer is delimited by Content-Length").containsKey("content-length");
    byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    return new Reply(statusLine, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-response after: " + line.toString(StandardCharsets.ISO_8859_1));
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
