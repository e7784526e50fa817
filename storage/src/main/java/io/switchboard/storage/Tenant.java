package io.switchboard.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A tenant of a multitenant Switchboard: Scalelite's {@code tenant:<id>} hash (spec §7.5) plus the limits Scalelite's
 * users ask for (its #1206), which Switchboard keeps beside the hash so Scalelite's own tools still read the tenant.
 * Front-ends reach the tenant at {@code https://<name>.<URL_HOST>/bigbluebutton/api} with any of its secrets.
 * {@link #toString()} hides the secrets and credentials.
 *
 * @param id a random UUID, or whatever id Scalelite gave it
 * @param name the first DNS label of the tenant's host
 * @param secrets the checksum secrets its front-ends sign with, in order (Scalelite stores them colon-separated)
 * @param credentials the optional LRS / Keycloak fields of the hash ({@code lrs_endpoint}, {@code lrs_username},
 *     {@code lrs_password}, {@code kc_token_url}, {@code kc_client_id}, {@code kc_client_secret}, {@code kc_username},
 *     {@code kc_password}), by field name
 * @param limits how many meetings and attendees the tenant may have at once
 */
public record Tenant(String id, String name, List<String> secrets, Map<String, String> credentials,
    TenantLimits limits) {

  /** A DNS label: what the first label of a Host can be. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  /** The hash fields Scalelite's Tenant model has besides {@code name} and {@code secrets}. */
  public static final List<String> CREDENTIAL_FIELDS = List.of("lrs_endpoint", "lrs_username", "lrs_password",
      "kc_token_url", "kc_client_id", "kc_client_secret", "kc_username", "kc_password");

  public Tenant {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(secrets, "secrets");
    requireNonNull(credentials, "credentials");
    requireNonNull(limits, "limits");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: '" + id + "' (expected: not blank)");
    }
    if (!validName(name)) {
      throw new IllegalArgumentException("name: '" + name + "' (expected: a DNS label: letters, digits and '-')");
    }
    secrets = List.copyOf(secrets);
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secrets: [] (expected: at least one secret)");
    }
    for (String secret : secrets) {
      if (secret.isBlank() || secret.contains(":")) {
        throw new IllegalArgumentException("secrets: <hidden> (expected: none blank, none containing ':')");
      }
    }
    for (String field : credentials.keySet()) {
      if (!CREDENTIAL_FIELDS.contains(field)) {
        throw new IllegalArgumentException("credentials: " + field + " (expected: one of " + CREDENTIAL_FIELDS + ")");
      }
    }
    credentials = Map.copyOf(new TreeMap<>(credentials));
  }

  /** Whether {@code name} can be a tenant's name: a DNS label, since it is the first label of the tenant's host. */
  public static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  /** Scalelite's {@code secrets} field: the secrets joined with {@code :}. */
  public String joinedSecrets() {
    return String.join(":", secrets);
  }

  public Tenant withName(String name) {
    return new Tenant(id, name, secrets, credentials, limits);
  }

  public Tenant withSecrets(List<String> secrets) {
    return new Tenant(id, name, secrets, credentials, limits);
  }

  public Tenant withCredentials(Map<String, String> credentials) {
    return new Tenant(id, name, secrets, credentials, limits);
  }

  public Tenant withLimits(TenantLimits limits) {
    return new Tenant(id, name, secrets, credentials, limits);
  }

  @Override
  public String toString() {
    return "Tenant[id=" + id + ", name=" + name + ", secrets=<" + secrets.size() + " hidden>, credentials="
        + credentials.keySet() + ", limits=" + limits + "]";
  }
}
