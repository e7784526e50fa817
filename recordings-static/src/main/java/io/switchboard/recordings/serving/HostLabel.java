package io.switchboard.recordings.serving;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The first DNS label of the host a playback request was sent to, which names its tenant when multitenancy is on
 * (spec §3.4): {@code bn} for {@code bn.sl.example.com:443}. The host is {@code X-Forwarded-Host} when a front proxy
 * set it, else {@code Host}, as for the links getRecordings writes (spec §9.1). Pure.
 */
final class HostLabel {
  private HostLabel() {}

  /** The label, or empty when the request names no host, or an IPv6 address (which no tenant can be). */
  static Optional<String> of(HttpHeaders headers) {
    String host = firstValue(headers.get("X-Forwarded-Host"));
    if (host.isEmpty()) {
      host = firstValue(headers.get(HttpHeaderNames.HOST));
    }
    return first(host);
  }

  static Optional<String> first(String host) {
    if (host.isEmpty() || host.startsWith("[")) {
      return Optional.empty();
    }
    int end = host.length();
    int dot = host.indexOf('.');
    int colon = host.indexOf(':');
    if (dot >= 0) {
      end = dot;
    }
    if (colon >= 0 && colon < end) {
      end = colon;
    }
    return end == 0 ? Optional.empty() : Optional.of(host.substring(0, end));
  }

  /** The first of a header's comma-separated values (a proxy chain's own), trimmed; {@code ""} when absent. */
  static String firstValue(@Nullable String header) {
    if (header == null) {
      return "";
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).trim();
  }
}
