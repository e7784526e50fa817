package io.switchboard.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.conf.ChecksumAlgorithm;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.routing.checksum.RequestSigner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Calls a running Switchboard's admin API the way any Scalelite automation does: {@code checksum} = SHA-256 of call name
 * + query + load-balancer secret, JSON bodies not hashed. What the operator commands use, so they need no access to the
 * stores and work the same in embedded mode and on shared Redis. Every failure — unreachable instance, refused
 * checksum, an error answer — is an {@link AdminException} whose message is one line for the operator.
 */
public final class AdminClient {
  private static final Pattern XML_MESSAGE = Pattern.compile("<message>(.*?)</message>", Pattern.DOTALL);

  private final URI base;
  private final String secret;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param base the instance, e.g. {@code http://127.0.0.1:3000}
   * @param secret a load-balancer secret of that instance
   */
  public AdminClient(URI base, String secret, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.secret = secret;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * The client of the instance {@code config} describes: {@code url} when given, else its HTTP port on the bind address
   * (loopback when it binds every address), signed with its first load-balancer secret.
   */
  public static AdminClient forConfig(SwitchboardConfig config, @Nullable URI url) {
    if (config.api().secrets().isEmpty()) {
      throw new AdminException("no load-balancer secret is configured (LOADBALANCER_SECRET or switchboard.api.secrets)");
    }
    URI base = url;
    if (base == null) {
      String host = config.http().bindAddress();
      if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isBlank()) {
        host = "127.0.0.1";
      } else if (host.contains(":") && !host.startsWith("[")) {
        host = "[" + host + "]";
      }
      String scheme = config.http().tls().isPresent() ? "https" : "http";
      base = URI.create(scheme + "://" + host + ":" + config.http().port());
    }
    Duration timeout = config.poller().waitTimeout().plusSeconds(30);
    return new AdminClient(base, config.api().secrets().get(0), timeout);
  }

  public URI base() {
    return base;
  }

  /** The signed URL of {@code call} with {@code query} (already encoded, may be empty). */
  public URI signed(String call, String query) {
    String checksum = RequestSigner.hex(ChecksumAlgorithm.SHA256, call + query + secret);
    return URI.create(base + AdminHandler.PREFIX + call + "?" + (query.isEmpty() ? "" : query + "&")
        + "checksum=" + checksum);
  }

  /** A GET; the JSON answer of a 2xx, else an {@link AdminException} with the error it carries. */
  public JsonNode get(String call, String query) {
    return send(HttpRequest.newBuilder(signed(call, query)).GET(), call);
  }

  /** A POST of {@code body} as {@code application/json}. */
  public JsonNode post(String call, JsonNode body) {
    String json;
    try {
      json = AdminResponse.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    return send(HttpRequest.newBuilder(signed(call, ""))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), call);
  }

  private JsonNode send(HttpRequest.Builder request, String call) {
    HttpResponse<String> response;
    try {
      response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException | ConnectException unreachable) {
      throw new AdminException("cannot reach Switchboard at " + base + " (" + describe(unreachable)
          + "); is it running? (--url to name another address)");
    } catch (HttpTimeoutException slow) {
      throw new AdminException("Switchboard at " + base + " did not answer " + call + " within " + timeout.toSeconds()
          + " s");
    } catch (IOException failed) {
      throw new AdminException("cannot reach Switchboard at " + base + " (" + describe(failed) + ")");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AdminException("interrupted while calling " + call);
    }
    String contentType = response.headers().firstValue("content-type").orElse("");
    String body = response.body();
    if (!contentType.startsWith("application/json")) {
      // Scalelite's admin API answers checksum, content-type and routing failures as BBB XML.
      Matcher message = XML_MESSAGE.matcher(body);
      String text = message.find() ? message.group(1).strip() : "unexpected answer (HTTP " + response.statusCode() + ")";
      if (body.contains("checksumError")) {
        text += " (is this Switchboard's LOADBALANCER_SECRET?)";
      }
      throw new AdminException(base + " refused " + call + ": " + text);
    }
    JsonNode tree;
    try {
      tree = AdminResponse.MAPPER.readTree(body);
    } catch (JsonProcessingException unreadable) {
      throw new AdminException("unreadable answer to " + call + " from " + base);
    }
    if (response.statusCode() / 100 != 2) {
      throw new AdminException(errorText(tree, response.statusCode()), response.statusCode());
    }
    return tree;
  }

  private static String errorText(JsonNode tree, int status) {
    for (String key : new String[] {"error", "message"}) {
      JsonNode value = tree.get(key);
      if (value != null && value.isTextual()) {
        return value.asText();
      }
    }
    return "HTTP " + status;
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      Throwable cause = failure.getCause();
      message = cause != null && cause.getMessage() != null ? cause.getMessage()
          : failure instanceof ConnectException ? "connection refused" : failure.getClass().getSimpleName();
    }
    return message;
  }

  /** A failed admin call, with a message fit for one line on stderr. */
  public static final class AdminException extends RuntimeException {
    private final int status;

    public AdminException(String message) {
      this(message, 0);
    }

    AdminException(String message, int status) {
      super(message, null, false, false);
      this.status = status;
    }

    /** The HTTP status of a JSON error answer; 0 when there was none. */
    public int status() {
      return status;
    }
  }
}
