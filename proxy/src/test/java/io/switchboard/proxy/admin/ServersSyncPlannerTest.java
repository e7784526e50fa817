package io.switchboard.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ServerConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.admin.ServersSyncChange.Action;
import io.switchboard.storage.ServerRecord;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan of {@code servers sync} (spec §10.4), from the listed servers, the stored ones and their meetings. */
class ServersSyncPlannerTest {
  private static final URI URL_A = URI.create("https://a.example.com/bigbluebutton/api");
  private static final URI URL_B = URI.create("https://b.example.com/bigbluebutton/api");

  private static ServerConfig listed(String id, boolean enabled) {
    return new ServerConfig(id, URL_A, "secret", enabled, 1.0, List.of());
  }

  private static ServerRecord stored(String id, ServerState state) {
    return new ServerRecord(id, URL_A, "secret", state, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "2.7");
  }

  private static List<ServersSyncChange> plan(List<ServerConfig> desired, List<ServerRecord> current,
      Map<String, Integer> meetings, ServersSyncMode mode) {
    return ServersSyncPlanner.plan(desired, current, meetings, mode);
  }

  private static ServersSyncChange change(String id, Action action, String detail) {
    return new ServersSyncChange(id, action, detail);
  }

  @Test
  void identicalServersNeedNothing() {
    for (ServersSyncMode mode : ServersSyncMode.values()) {
      assertThat(plan(List.of(listed("a", true), listed("b", false)),
          List.of(stored("a", ServerState.ENABLED), stored("b", ServerState.CORDONED)), Map.of(), mode)).isEmpty();
    }
  }

  @Test
  void missingServersAreCreatedAsListed() {
    ServerConfig tagged = new ServerConfig("c", URL_B, "s", true, 2.5, List.of("big"));

    assertThat(plan(List.of(tagged, listed("d", false)), List.of(), Map.of(), ServersSyncMode.cordon))
        .containsExactly(
            change("c", Action.CREATE, URL_B + ", enabled, load_multiplier 2.5, tag 'big'"),
            change("d", Action.CREATE, URL_A + ", disabled, load_multiplier 1.0"));
  }

  @Test
  void everyDifferentFieldIsOneUpdate() {
    ServerConfig wanted = new ServerConfig("a", URL_B, "new-secret", true, 3.0, List.of("x"));

    List<ServersSyncChange> changes = plan(List.of(wanted), List.of(stored("a", ServerState.ENABLED)), Map.of(),
        ServersSyncMode.cordon);

    assertThat(changes).containsExactly(change("a", Action.UPDATE,
        "url " + URL_A + " -> " + URL_B + ", secret, load_multiplier 1.0 -> 3.0, tag '' -> 'x'"));
    assertThat(changes.get(0).detail()).doesNotContain("new-secret");
  }

  @Test
  void eachFieldAloneIsNoticed() {
    List<ServerRecord> current = List.of(stored("a", ServerState.ENABLED));
    assertThat(plan(List.of(new ServerConfig("a", URL_A, "other", true, 1.0, List.of())), current, Map.of(),
        ServersSyncMode.keep)).containsExactly(change("a", Action.UPDATE, "secret"));
    assertThat(plan(List.of(new ServerConfig("a", URL_A, "secret", true, 1.5, List.of())), current, Map.of(),
        ServersSyncMode.keep)).containsExactly(change("a", Action.UPDATE, "load_multiplier 1.0 -> 1.5"));
    assertThat(plan(List.of(new ServerConfig("a", URL_B, "secret", true, 1.0, List.of())), current, Map.of(),
        ServersSyncMode.keep)).containsExactly(change("a", Action.UPDATE, "url " + URL_A + " -> " + URL_B));

    ServerRecord tagged = new ServerRecord("a", URL_A, "secret", ServerState.ENABLED, true, 1.0, Set.of("x"),
        0, 0, 0, 0, 0, 0, "");
    assertThat(plan(List.of(listed("a", true)), List.of(tagged), Map.of(), ServersSyncMode.keep))
        .as("no tag removes it").containsExactly(change("a", Action.UPDATE, "tag 'x' -> ''"));
  }

  @Test
  void enabledIsEnabledAndNotEnabledIsCordoned() {
    List<ServerRecord> current = List.of(stored("a", ServerState.DISABLED), stored("b", ServerState.CORDONED),
        stored("c", ServerState.ENABLED), stored("d", ServerState.DISABLED));

    assertThat(plan(List.of(listed("a", true), listed("b", true), listed("c", false), listed("d", false)), current,
        Map.of(), ServersSyncMode.cordon)).containsExactly(
            change("a", Action.ENABLE, "was disabled"),
            change("b", Action.ENABLE, "was cordoned"),
            change("c", Action.CORDON, "listed with enabled: false"));
  }

  @Test
  void anUpdateComesBeforeTheStateChange() {
    assertThat(plan(List.of(new ServerConfig("a", URL_A, "other", true, 1.0, List.of())),
        List.of(stored("a", ServerState.CORDONED)), Map.of(), ServersSyncMode.cordon))
        .extracting(ServersSyncChange::action).containsExactly(Action.UPDATE, Action.ENABLE);
  }

  @Test
  void keepLeavesUnlistedServersAlone() {
    assertThat(plan(List.of(), List.of(stored("a", ServerState.ENABLED), stored("b", ServerState.ENABLED)),
        Map.of("a", 3), ServersSyncMode.keep)).isEmpty();
  }

  @Test
  void cordonRemovesEmptyServersAndCordonsBusyOnes() {
    List<ServerRecord> current = List.of(stored("busy", ServerState.ENABLED), stored("empty", ServerState.ENABLED),
        stored("draining", ServerState.CORDONED), stored("off", ServerState.DISABLED));

    assertThat(plan(List.of(), current, Map.of("busy", 2, "draining", 1, "off", 1), ServersSyncMode.cordon))
        .containsExactly(
            change("busy", Action.CORDON, "not listed, 2 meetings running"),
            change("empty", Action.REMOVE, "not listed, no meetings"));
  }

  @Test
  void forceEndsMeetingsThenRemoves() {
    List<ServerRecord> current = List.of(stored("busy", ServerState.ENABLED), stored("draining", ServerState.CORDONED),
        stored("empty", ServerState.ENABLED));

    assertThat(plan(List.of(), current, Map.of("busy", 1, "draining", 4), ServersSyncMode.force)).containsExactly(
        change("busy", Action.CORDON, "not listed, before its meetings are ended"),
        change("busy", Action.END_MEETINGS, "1 meeting"),
        change("busy", Action.REMOVE, "not listed"),
        change("draining", Action.END_MEETINGS, "4 meetings"),
        change("draining", Action.REMOVE, "not listed"),
        change("empty", Action.REMOVE, "not listed"));
  }

  @Test
  void listedServersComeFirstAndRemovalsLast() {
    List<ServersSyncChange> changes = plan(List.of(listed("z", true)), List.of(stored("a", ServerState.ENABLED)),
        Map.of(), ServersSyncMode.cordon);

    assertThat(changes).extracting(ServersSyncChange::id).containsExactly("z", "a");
    assertThat(changes).extracting(ServersSyncChange::action).containsExactly(Action.CREATE, Action.REMOVE);
  }
}
