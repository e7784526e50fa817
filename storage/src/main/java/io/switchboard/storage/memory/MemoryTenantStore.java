package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantSetting;
import io.switchboard.storage.TenantStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The in-memory {@link TenantStore}: maps under one lock, so a rename and its name index change together. */
final class MemoryTenantStore implements TenantStore {
  private final Object lock = new Object();
  private final Map<String, Tenant> tenants = new HashMap<>();
  private final Map<String, String> idsByName = new HashMap<>();
  private final Map<String, TenantSetting> settings = new LinkedHashMap<>();
  private Map<String, Integer> attendees = Map.of();

  @Override
  public CompletionStage<List<Tenant>> all() {
    synchronized (lock) {
      List<Tenant> all = new ArrayList<>(tenants.values());
      all.sort(Comparator.comparing(Tenant::name).thenComparing(Tenant::id));
      return done(all);
    }
  }

  @Override
  public CompletionStage<Optional<Tenant>> find(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      return done(Optional.ofNullable(tenants.get(id)));
    }
  }

  @Override
  public CompletionStage<Optional<Tenant>> findByName(String name) {
    requireNonNull(name, "name");
    synchronized (lock) {
      String id = idsByName.get(name);
      return done(Optional.ofNullable(id == null ? null : tenants.get(id)));
    }
  }

  @Override
  public CompletionStage<Void> save(Tenant tenant) {
    requireNonNull(tenant, "tenant");
    synchronized (lock) {
      Tenant previous = tenants.put(tenant.id(), tenant);
      if (previous != null && !previous.name().equals(tenant.name())) {
        idsByName.remove(previous.name(), previous.id());
      }
      idsByName.put(tenant.name(), tenant.id());
      return done(null);
    }
  }

  @Override
  public CompletionStage<Boolean> remove(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      Tenant removed = tenants.remove(id);
      if (removed != null) {
        idsByName.remove(removed.name(), id);
      }
      return done(removed != null);
    }
  }

  @Override
  public CompletionStage<List<TenantSetting>> settings(String tenantId) {
    requireNonNull(tenantId, "tenantId");
    synchronized (lock) {
      return done(settings.values().stream().filter(setting -> setting.tenantId().equals(tenantId)).toList());
    }
  }

  @Override
  public CompletionStage<Optional<TenantSetting>> findSetting(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      return done(Optional.ofNullable(settings.get(id)));
    }
  }

  @Override
  public CompletionStage<Void> saveSetting(TenantSetting setting) {
    requireNonNull(setting, "setting");
    synchronized (lock) {
      settings.put(setting.id(), setting);
      return done(null);
    }
  }

  @Override
  public CompletionStage<Boolean> removeSetting(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      return done(settings.remove(id) != null);
    }
  }

  @Override
  public CompletionStage<Void> saveAttendees(Map<String, Integer> attendeesByTenant) {
    Map<String, Integer> copy = Map.copyOf(attendeesByTenant);
    synchronized (lock) {
      attendees = copy;
      return done(null);
    }
  }

  @Override
  public CompletionStage<Integer> attendees(String tenantId) {
    requireNonNull(tenantId, "tenantId");
    synchronized (lock) {
      return done(attendees.getOrDefault(tenantId, 0));
    }
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedStage(value);
  }
}
