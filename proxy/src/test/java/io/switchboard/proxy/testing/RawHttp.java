package io.switchboard.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a raw socket, for tests that need what clients cannot express: requests pipelined on one connection,
 * and seeing when the server closes it.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A response read off the wire: status code, lower-cased header names, body as UTF-8. */
  public record Reply(int status, Map<String, String> headers, String body) {}

  /** A loopback socket whose reads give up after 20 s, so a server that never answers fails the test. */
  public static Socket connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    return socket;
  }

  public static void send(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** {@code GET target} with a Host header, keeping the connection open. */
  public static String get(String target) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }

  /** Reads exactly one response, delimited by its Content-Length, leaving the connection at the next one. */
  public static Reply read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String statusLine = line(in);
    Map<String, String> headers = new HashMap<>();
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    String length = headers.get("content-length");
    if (length == null) {
      throw new IOException("a response without Content-Length: " + statusLine);
    }
    byte[] body = in.readNBytes(Integer.parseInt(length));
    return new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server closed the connection: the next read finds the end of the stream. */
  public static boolean closedByServer(Socket socket) throws IOException {
    return socket.getInputStream().read() == -1;
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
