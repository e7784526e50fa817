package io.switchboard.proxy.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.TenantSetting;
import io.switchboard.storage.TenantStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant endpoints of Scalelite's admin API (spec §10.1, {@code Api::TenantsController}) with its requests,
 * messages and status codes, plus what Scalelite leaves to rake or lacks: limits and LRS / Keycloak credentials on
 * {@code addTenant} / {@code updateTenant}, and tenant settings (Scalelite #1189).
 *
 * <p>Beyond Scalelite, it refuses what would break routing by host: a name that is not a DNS label, a name another
 * tenant has (compared ignoring case, as hosts are), and secrets with a blank entry. The name check and the save are
 * two store calls, so two concurrent adds of one name can both pass it; the admin API is an operator's tool, not a
 * hot path. Deleting a tenant also deletes its settings, which Scalelite leaves behind. Every method answers; a store
 * failure completes the stage exceptionally.
 */
final class TenantsAdmin {
  private static final Logger log = LoggerFactory.getLogger(TenantsAdmin.class);
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private final TenantStore tenants;
  private final boolean enabled;

  /** @param enabled whether multitenancy is on; when off every endpoint answers 412, as Scalelite's do */
  TenantsAdmin(TenantStore tenants, boolean enabled) {
    this.tenants = tenants;
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  /** Scalelite's answer to every tenant endpoint while multitenancy is off. */
  static AdminResponse disabled() {
    return AdminResponse.message(412, "Multitenancy is disabled");
  }

  CompletionStage<AdminResponse> getTenants() {
    return tenants.all().thenApply(all -> {
      if (all.isEmpty()) {
        return AdminResponse.message(200, "No tenants exist");
      }
      ArrayNode list = AdminResponse.MAPPER.createArrayNode();
      all.forEach(tenant -> list.add(TenantJson.summary(tenant)));
      return AdminResponse.json(200, list);
    });
  }

  CompletionStage<AdminResponse> getTenantInfo(String id) {
    return withTenant(id, tenant -> done(AdminResponse.json(200, TenantJson.full(tenant))));
  }

  /**
   * A new tenant named {@code name} with {@code secrets} (colon-separated), optionally its limits and credentials.
   *
   * @param params the {@code tenant} envelope, or null when the request has none (Rails' missing-parameter error)
   */
  CompletionStage<AdminResponse> addTenant(@Nullable JsonNode params) {
    if (params == null) {
      return done(ServersAdmin.missingEnvelope("tenant"));
    }
    String givenName = ServersAdmin.text(params, "name");
    String givenSecrets = ServersAdmin.text(params, "secrets");
    if (givenName == null || givenName.isBlank() || givenSecrets == null || givenSecrets.isBlank()) {
      return done(AdminResponse.message(400, "Error: both name and secrets are required to create a Tenant"));
    }
    Change change;
    try {
      change = Change.of(params);
    } catch (IllegalArgumentException invalid) {
      return done(AdminResponse.error(400, invalid.getMessage()));
    }
    String id = UUID.randomUUID().toString();
    Tenant tenant = new Tenant(id, requireNonNull(change.name()), requireNonNull(change.secrets()), Map.of(),
        TenantLimits.UNLIMITED);
    Tenant created = change.apply(tenant);
    return nameTaken(created).thenCompose(taken -> {
      if (taken.isPresent()) {
        return done(taken.get());
      }
      return tenants.save(created).thenApply(saved -> {
        log.info("admin: added tenant {} ({})", created.name(), id);
        return AdminResponse.json(201, envelope("tenant", TenantJson.full(created)));
      });
    });
  }

  /** updateTenant: 404 for an unknown id, then Rails' missing-parameter error when there is nothing to read. */
  CompletionStage<AdminResponse> updateTenantOrMissing(String id, @Nullable JsonNode params) {
    return withTenant(id, found -> {
      if (params == null) {
        return done(ServersAdmin.missingEnvelope("tenant"));
      }
      Change change;
      try {
        change = Change.of(params);
      } catch (IllegalArgumentException invalid) {
        return done(AdminResponse.error(400, invalid.getMessage()));
      }
      Tenant updated = change.apply(found);
      return nameTaken(updated).thenCompose(taken -> {
        if (taken.isPresent()) {
          return done(taken.get());
        }
        return tenants.save(updated).thenApply(saved -> {
          if (!updated.name().equals(found.name())) {
            log.info("admin: tenant {} renamed from {} to {}", id, found.name(), updated.name());
          }
          return AdminResponse.json(200, envelope("tenant", TenantJson.full(updated)));
        });
      });
    });
  }

  /** Forgets the tenant, then its settings (Scalelite leaves them behind); its meetings and recordings stay. */
  CompletionStage<AdminResponse> deleteTenant(String id) {
    return withTenant(id, tenant -> tenants.remove(id).thenCompose(removed -> {
      if (!removed) {
        return done(tenantNotFound(id));
      }
      return tenants.settings(id).thenCompose(settings -> {
        List<CompletableFuture<Boolean>> removals = new ArrayList<>(settings.size());
        for (TenantSetting setting : settings) {
          removals.add(tenants.removeSetting(setting.id()).toCompletableFuture());
        }
        return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).thenApply(all -> {
          log.info("admin: removed tenant {} ({}) and its {} settings", tenant.name(), id, settings.size());
          return AdminResponse.success("Tenant id=" + id + " was destroyed");
        });
      });
    }));
  }

  CompletionStage<AdminResponse> getTenantSettings(String tenantId) {
    if (tenantId.isBlank()) {
      return done(AdminResponse.error(400, "getTenantSettings needs a tenant_id"));
    }
    return withTenant(tenantId, tenant -> tenants.settings(tenantId).thenApply(settings -> {
      ArrayNode list = AdminResponse.MAPPER.createArrayNode();
      settings.forEach(setting -> list.add(TenantJson.setting(setting)));
      return AdminResponse.json(200, list);
    }));
  }

  /**
   * A new setting for an existing tenant.
   *
   * @param params the {@code tenant_setting} envelope, or null when the request has none
   */
  CompletionStage<AdminResponse> addTenantSetting(@Nullable JsonNode params) {
    if (params == null) {
      return done(ServersAdmin.missingEnvelope("tenant_setting"));
    }
    String tenantId;
    String param;
    String value;
    boolean override;
    try {
      tenantId = string(params, "tenant_id");
      param = string(params, "param");
      value = string(params, "value");
      override = override(params.get("override"));
    } catch (IllegalArgumentException invalid) {
      return done(AdminResponse.error(400, invalid.getMessage()));
    }
    if (tenantId == null || tenantId.isBlank() || param == null || param.isBlank() || value == null) {
      return done(AdminResponse.error(400, "A tenant setting needs a tenant_id, a param and a value"));
    }
    TenantSetting setting = new TenantSetting(UUID.randomUUID().toString(), tenantId, param.strip(), value, override);
    return withTenant(tenantId, tenant -> tenants.saveSetting(setting).thenApply(saved -> {
      log.info("admin: tenant {} has a new setting {} ({})", tenant.name(), setting.param(), setting.id());
      return AdminResponse.json(201, envelope("tenant_setting", TenantJson.setting(setting)));
    }));
  }

  CompletionStage<AdminResponse> deleteTenantSetting(String id) {
    return tenants.findSetting(id).thenCompose(found -> {
      if (found.isEmpty()) {
        return done(settingNotFound(id));
      }
      return tenants.removeSetting(id).thenApply(removed -> removed
          ? AdminResponse.success("TenantSetting id=" + id + " was destroyed")
          : settingNotFound(id));
    });
  }

  /** A 422 when another tenant already has {@code tenant}'s name, ignoring case: both could not be told apart by host. */
  private CompletionStage<Optional<AdminResponse>> nameTaken(Tenant tenant) {
    return tenants.all().thenApply(all -> all.stream()
        .filter(other -> !other.id().equals(tenant.id()))
        .filter(other -> other.name().toLowerCase(Locale.ROOT).equals(tenant.name().toLowerCase(Locale.ROOT)))
        .findAny()
        .map(other -> AdminResponse.error(422, "Tenant name " + tenant.name() + " is already taken")));
  }

  private CompletionStage<AdminResponse> withTenant(String id, Function<Tenant, CompletionStage<AdminResponse>> then) {
    return tenants.find(id).thenCompose(found -> found.isPresent() ? then.apply(found.get()) : done(tenantNotFound(id)));
  }

  static AdminResponse tenantNotFound(String id) {
    return AdminResponse.error(404, "Couldn't find Tenant with id=" + id);
  }

  private static AdminResponse settingNotFound(String id) {
    return AdminResponse.error(404, "Couldn't find TenantSetting with id=" + id);
  }

  private static ObjectNode envelope(String key, ObjectNode value) {
    ObjectNode wrapped = AdminResponse.MAPPER.createObjectNode();
    wrapped.set(key, value);
    return wrapped;
  }

  private static CompletionStage<AdminResponse> done(AdminResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  /** A string field: null when absent or JSON null; numbers and booleans as written; an array or object is refused. */
  private static @Nullable String string(JsonNode params, String field) {
    JsonNode value = params.get(field);
    if (value != null && value.isContainerNode()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return ServersAdmin.text(params, field);
  }

  /** A setting's {@code override}: absent is false; true or false, as JSON or as a string; anything else is refused. */
  private static boolean override(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return value.asText().equals("true");
    }
    throw new IllegalArgumentException("override must be true or false");
  }

  /**
   * What an addTenant or updateTenant asks for, validated before anything is written. A blank {@code name} or
   * {@code secrets} is no change, as Scalelite's {@code present?}; an empty credential removes that field.
   */
  private record Change(@Nullable String name, @Nullable List<String> secrets, @Nullable Integer maxMeetings,
      @Nullable Integer maxAttendees, Map<String, String> credentials) {

    static Change of(JsonNode params) {
      String name = string(params, "name");
      if (name != null && name.isBlank()) {
        name = null;
      }
      if (name != null && !Tenant.validName(name)) {
        throw new IllegalArgumentException("Tenant name " + name + " is not a DNS label: letters, digits and '-', "
            + "at most 63, neither first nor last a '-'");
      }
      String joined = string(params, "secrets");
      List<String> secrets = null;
      if (joined != null && !joined.isBlank()) {
        secrets = Arrays.asList(joined.split(":", -1));
        if (secrets.stream().anyMatch(String::isBlank)) {
          throw new IllegalArgumentException("Secrets must be colon-separated, none of them blank");
        }
      }
      Map<String, String> credentials = new HashMap<>();
      for (String field : Tenant.CREDENTIAL_FIELDS) {
        String value = string(params, field);
        if (value != null) {
          credentials.put(field, value);
        }
      }
      return new Change(name, secrets, limit(params, "max_meetings"), limit(params, "max_attendees"), credentials);
    }

    private static @Nullable Integer limit(JsonNode params, String field) {
      JsonNode value = params.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
        return value.intValue();
      }
      if (value.isTextual() && DIGITS.matcher(value.asText()).matches()) {
        try {
          return Integer.parseInt(value.asText());
        } catch (NumberFormatException tooLarge) {
          // Refused below.
        }
      }
      throw new IllegalArgumentException(field + " must be a non-negative integer (0 = unlimited)");
    }

    Tenant apply(Tenant current) {
      Map<String, String> merged = new HashMap<>(current.credentials());
      credentials.forEach((field, value) -> {
        if (value.isEmpty()) {
          merged.remove(field);
        } else {
          merged.put(field, value);
        }
      });
      TenantLimits limits = new TenantLimits(maxMeetings != null ? maxMeetings : current.limits().maxMeetings(),
          maxAttendees != null ? maxAttendees : current.limits().maxAttendees());
      return new Tenant(current.id(), name != null ? name : current.name(),
          secrets != null ? secrets : current.secrets(), merged, limits);
    }
  }
}
