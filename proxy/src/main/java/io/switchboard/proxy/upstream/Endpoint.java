package io.switchboard.proxy.upstream;

import java.net.URI;
import java.util.Locale;

/** Where a pooled connection goes: one pool per endpoint and event loop. {@code host} has no IPv6 brackets. */
record Endpoint(boolean https, String host, int port) {

  static Endpoint of(URI uri) {
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
    return new Endpoint(https, host.toLowerCase(Locale.ROOT), port);
  }

  @Override
  public String toString() {
    return (https ? "https://" : "http://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
