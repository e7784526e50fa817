package io.switchboard.routing.rewrite;

import io.switchboard.conf.RewriteConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fluent way to build the {@link RewriteConfig} a test needs; everything off or empty unless set. */
final class TestConfigs {
  private Duration maxMeetingDuration = Duration.ZERO;
  private Set<String> createExclude = Set.of();
  private Set<String> joinExclude = Set.of();
  private Map<String, String> defaultCreate = Map.of();
  private Map<String, String> overrideCreate = Map.of();
  private Map<String, String> defaultJoin = Map.of();
  private Map<String, String> overrideJoin = Map.of();

  static TestConfigs rewrite() {
    return new TestConfigs();
  }

  /** An insertion-ordered map from alternating names and values. */
  static Map<String, String> ordered(String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  TestConfigs maxMeetingDuration(Duration value) {
    maxMeetingDuration = value;
    return this;
  }

  TestConfigs createExclude(String... names) {
    createExclude = new LinkedHashSet<>(List.of(names));
    return this;
  }

  TestConfigs joinExclude(String... names) {
    joinExclude = new LinkedHashSet<>(List.of(names));
    return this;
  }

  TestConfigs defaultCreate(String... namesAndValues) {
    defaultCreate = ordered(namesAndValues);
    return this;
  }

  TestConfigs overrideCreate(String... namesAndValues) {
    overrideCreate = ordered(namesAndValues);
    return this;
  }

  TestConfigs defaultJoin(String... namesAndValues) {
    defaultJoin = ordered(namesAndValues);
    return this;
  }

  TestConfigs overrideJoin(String... namesAndValues) {
    overrideJoin = ordered(namesAndValues);
    return this;
  }

  RewriteConfig build() {
    return new RewriteConfig(maxMeetingDuration, createExclude, joinExclude, defaultCreate, overrideCreate,
        defaultJoin, overrideJoin, 9, false, Duration.ofDays(1));
  }
}
