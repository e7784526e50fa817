package io.switchboard.proxy.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of a {@code servers sync} plan (spec §10.4): what happens to which server, and why, in words for the
 * operator. Details never show a secret.
 */
public record ServersSyncChange(String id, Action action, String detail) {

  /** What a step does to the server. */
  public enum Action {
    /** Stored as the file says, enabled or disabled. */
    CREATE("create"),
    /** URL, secret, load multiplier or tag set to the file's. */
    UPDATE("update"),
    /** State {@code enabled}: takes new meetings after its next poll. */
    ENABLE("enable"),
    /** State {@code cordoned}: no new meetings, running ones continue. */
    CORDON("cordon"),
    /** Forgotten (its meetings are not touched). */
    REMOVE("remove"),
    /** Its meetings ended on BBB and forgotten. */
    END_MEETINGS("end_meetings");

    private final String wireName;

    Action(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public ServersSyncChange {
    requireNonNull(id, "id");
    requireNonNull(action, "action");
    requireNonNull(detail, "detail");
  }

  ObjectNode toJson() {
    return AdminResponse.MAPPER.createObjectNode()
        .put("id", id)
        .put("action", action.wireName())
        .put("detail", detail);
  }
}
