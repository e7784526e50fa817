package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;
import static io.switchboard.conf.Checks.nonNegative;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The dial plan API a FreeSWITCH call gateway's {@code mod_xml_curl} asks which BBB server a phone call goes to
 * ({@code switchboard.dial-in}, {@code POST /fsapi}, spec §11.2). {@link #toString()} hides the password.
 *
 * @param authenticate whether the gateway must authenticate with HTTP Basic, user {@code fsapi}; false leaves the dial
 *     plan (and so the meetings' voice bridges) open to anyone who reaches Switchboard
 * @param password the Basic password ({@code FSAPI_PASSWORD}): the configured one, or the first load-balancer secret
 *     when the configuration leaves it empty, as Scalelite defaults it; {@code ""} only when not authenticating
 * @param maxCallDuration how long FreeSWITCH lets a dialled-in call last before it hangs up ({@code sched_hangup},
 *     {@code FSAPI_MAX_DURATION}), in whole seconds; {@link Duration#ZERO} = no limit
 * @param voiceBridgeMinLength the fewest digits the caller is asked for ({@code VOICE_BRIDGE_MIN})
 * @param voiceBridgeMaxLength the most digits the caller is asked for ({@code VOICE_BRIDGE_MAX})
 */
public record DialInConfig(boolean authenticate, String password, Duration maxCallDuration, int voiceBridgeMinLength,
                           int voiceBridgeMaxLength) {
  public DialInConfig {
    requireNonNull(password, "password");
    if (authenticate && password.isEmpty()) {
      throw Checks.invalid("password", "\"\"", "a password when authenticate is true");
    }
    nonNegative(maxCallDuration, "maxCallDuration");
    if (maxCallDuration.getNano() != 0) {
      // sched_hangup counts whole seconds.
      throw Checks.invalid("maxCallDuration", maxCallDuration, "whole seconds");
    }
    between(voiceBridgeMinLength, 1, Integer.MAX_VALUE, "voiceBridgeMinLength");
    between(voiceBridgeMaxLength, voiceBridgeMinLength, Integer.MAX_VALUE, "voiceBridgeMaxLength");
  }

  @Override
  public String toString() {
    return "DialInConfig[authenticate=" + authenticate + ", password=<hidden>, maxCallDuration=" + maxCallDuration
        + ", voiceBridgeMinLength=" + voiceBridgeMinLength + ", voiceBridgeMaxLength=" + voiceBridgeMaxLength + "]";
  }
}
