package io.switchboard.routing.dialin;

import static java.util.Objects.requireNonNull;

import io.switchboard.routing.params.Params;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a call gateway's {@code mod_xml_curl} asks about one call: the form fields of its dial plan request that
 * Scalelite's {@code FsapiController} reads (spec §11.2). Absent fields are {@code ""}.
 *
 * @param section the configuration section FreeSWITCH wants ({@code section}); only {@code dialplan} is answered
 * @param destination the number the caller dialled ({@code Caller-Destination-Number})
 * @param pin the voice bridge the caller entered at the prompt ({@code variable_pin}), {@code ""} before the prompt
 * @param callerIdName the caller's name or number ({@code Caller-Caller-ID-Name})
 * @param hideName whether the caller asked to hide the name ({@code Caller-Privacy-Hide-Name} is {@code true})
 * @param hideNumber whether the caller asked to hide the number ({@code Caller-Privacy-Hide-Number} is {@code true})
 */
public record DialInCall(String section, String destination, String pin, String callerIdName, boolean hideName,
                         boolean hideNumber) {
  /** Scalelite's {@code /\A\d+\z/}: ASCII digits only, as Ruby's {@code \d}. */
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  /** The digits of a number that stay visible in front of the masked last four. */
  private static final int MASKED_DIGITS = 4;
  /** A breakout room's voice bridge is its meeting's with one digit appended; meetings' have at least five. */
  private static final int SHORTEST_BREAKOUT_PIN = 6;

  public DialInCall {
    requireNonNull(section, "section");
    requireNonNull(destination, "destination");
    requireNonNull(pin, "pin");
    requireNonNull(callerIdName, "callerIdName");
  }

  /** The call a dial plan request's form describes. */
  public static DialInCall from(Params form) {
    return new DialInCall(
        form.get("section").orElse(""),
        form.get("Caller-Destination-Number").orElse(""),
        form.get("variable_pin").orElse(""),
        form.get("Caller-Caller-ID-Name").orElse(""),
        form.get("Caller-Privacy-Hide-Name").filter("true"::equals).isPresent(),
        form.get("Caller-Privacy-Hide-Number").filter("true"::equals).isPresent());
  }

  /** Whether this is a dial plan request for a dialled number; anything else is answered "not found". */
  public boolean answerable() {
    return section.equals("dialplan") && !destination.isBlank();
  }

  /** Whether the caller has entered a voice bridge yet; before that, the caller is prompted for one. */
  public boolean hasPin() {
    return !pin.isBlank();
  }

  /**
   * The voice bridge of the meeting whose breakout room this PIN may be: the PIN without its last digit, when it is
   * long enough to be one. Looked up only when no meeting holds the PIN itself.
   */
  public Optional<String> breakoutParentPin() {
    return pin.length() >= SHORTEST_BREAKOUT_PIN ? Optional.of(pin.substring(0, pin.length() - 1)) : Optional.empty();
  }

  /**
   * The caller id shown in the meeting: a number with its last four digits masked ({@code 0123456789} becomes
   * {@code 012345XXXX}, a number of four digits or fewer is all {@code X}) unless the caller hid the number; a name as
   * it is unless the caller hid the name; {@code Unavailable} when nothing may or can be shown.
   */
  public String callerId() {
    String shown;
    if (!callerIdName.isBlank() && DIGITS.matcher(callerIdName).matches()) {
      int visible = Math.max(0, callerIdName.length() - MASKED_DIGITS);
      shown = hideNumber ? "" : callerIdName.substring(0, visible) + "X".repeat(callerIdName.length() - visible);
    } else {
      shown = hideName ? "" : callerIdName;
    }
    return shown.isBlank() ? "Unavailable" : shown;
  }
}
