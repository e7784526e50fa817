package io.switchboard.routing.rewrite;

import static java.util.Objects.requireNonNull;

/**
 * What a create does with {@code meta_secret-lrs-payload} (spec §4.5 step 9): the encrypted LRS payload for the chosen
 * server replaces whatever the client sent; a tenant whose payload could not be built gets none at all, so a forged
 * one never reaches bbb-webhooks; without an LRS the client's parameter is left alone, as in Scalelite.
 */
public sealed interface LrsPayloadParam {
  /** No LRS configured: the request's parameters stay as they are. */
  LrsPayloadParam UNTOUCHED = new Untouched();
  /** An LRS is configured but no payload could be built: the parameter is removed. */
  LrsPayloadParam WITHHELD = new Withheld();

  /** The encrypted payload, keyed with the chosen server's secret. */
  static LrsPayloadParam of(String encrypted) {
    return new Payload(encrypted);
  }

  /** See {@link #UNTOUCHED}. */
  record Untouched() implements LrsPayloadParam {}

  /** See {@link #WITHHELD}. */
  record Withheld() implements LrsPayloadParam {}

  /** See {@link #of}. {@link #toString()} hides the value. */
  record Payload(String encrypted) implements LrsPayloadParam {
    public Payload {
      requireNonNull(encrypted, "encrypted");
      if (encrypted.isEmpty()) {
        throw new IllegalArgumentException("encrypted: '' (expected: the Base64 payload)");
      }
    }

    @Override
    public String toString() {
      return "Payload[<hidden>]";
    }
  }
}
