package io.switchboard.recordings.api;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** How Scalelite reads list and boolean parameters: Ruby's {@code split(',')} and Rails' boolean cast. */
final class ParamValues {
  /** {@code ActiveModel::Type::Boolean::FALSE_VALUES} as strings; every other non-blank value is true. */
  private static final Set<String> RAILS_FALSE = Set.of("0", "f", "F", "false", "FALSE", "off", "OFF");

  private ParamValues() {}

  /**
   * Ruby's {@code value.split(',')}: empty elements inside are kept, trailing ones dropped, so {@code ""} and
   * {@code ","} give no element at all.
   */
  static List<String> commaList(String value) {
    return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
  }

  /** Rails' cast of a non-blank parameter to a boolean: {@code "false"}, {@code "0"}, {@code "f"}… are false. */
  static boolean railsBoolean(String value) {
    return !RAILS_FALSE.contains(value);
  }
}
