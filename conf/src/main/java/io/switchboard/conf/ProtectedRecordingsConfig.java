package io.switchboard.conf;

import static io.switchboard.conf.Checks.positive;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Protected recordings ({@code switchboard.recordings.protected}, spec §9.10): whether imported recordings are marked
 * protected and their resources require the access cookie (Scalelite's {@code PROTECTED_RECORDINGS_ENABLED}), the
 * lifetime of the one-time tokens of getRecordings links ({@code PROTECTED_RECORDINGS_TOKEN_TIMEOUT}), the lifetime
 * of the access cookie's JWT ({@code PROTECTED_RECORDINGS_TIMEOUT}) and the HS256 key that signs it
 * ({@code SECRET_KEY_BASE}; the UTF-8 bytes of this string). When the operator sets no key, {@link ConfigLoader}
 * generates a random one at every start, so the key is never empty in a loaded configuration; a record built by
 * hand may carry {@code ""} only while protection is disabled. {@link #toString()} hides the key.
 */
public record ProtectedRecordingsConfig(boolean enabled, Duration tokenTimeout, Duration cookieTimeout,
                                        String signingKey) {
  public ProtectedRecordingsConfig {
    positive(tokenTimeout, "tokenTimeout");
    positive(cookieTimeout, "cookieTimeout");
    requireNonNull(signingKey, "signingKey");
    if (enabled && signingKey.isBlank()) {
      throw Checks.invalid("signingKey", "<hidden>", "a non-blank key while protection is enabled");
    }
  }

  @Override
  public String toString() {
    return "ProtectedRecordingsConfig[enabled=" + enabled + ", tokenTimeout=" + tokenTimeout + ", cookieTimeout="
        + cookieTimeout + ", signingKey=<hidden>]";
  }
}
