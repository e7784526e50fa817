package io.switchboard.recordings.api;

import io.switchboard.routing.xml.BbbXml;
import java.nio.charset.StandardCharsets;

/**
 * The SUCCESS answers of publishRecordings, updateRecordings and deleteRecordings (spec §9.3–§9.5): one boolean
 * element after the return code.
 */
final class ActionXml {
  private ActionXml() {}

  static byte[] published(boolean published) {
    return flag("published", published);
  }

  static byte[] updated(boolean updated) {
    return flag("updated", updated);
  }

  static byte[] deleted() {
    return flag("deleted", true);
  }

  private static byte[] flag(String name, boolean value) {
    return (BbbXml.SUCCESS + "<" + name + ">" + value + "</" + name + "></response>").getBytes(StandardCharsets.UTF_8);
  }
}
