package io.switchboard.proxy.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names of Switchboard instances among those sharing Redis: host, process id and a random part, so two instances
 * never take each other for the holder of a lease (even two in one JVM, as tests run them).
 */
final class Instances {
  private Instances() {}

  static String newName() {
    return host() + ":" + ProcessHandle.current().pid() + ":" + randomPart();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unnamed) {
      return "unknown-host";
    }
  }

  private static String randomPart() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
