package io.switchboard.routing.selection;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The server tags a create asks for through {@code meta_server-tag}, parsed as Scalelite's {@code find_available} does
 * (spec §5.2): blank means no tags; a trailing {@code !} makes the tags required unless nothing remains after it; the
 * rest is split on {@code ;}. Used by {@link ServerSelector}.
 *
 * @param tags the requested tags in order of preference; empty when no tag was asked for
 * @param required whether an unmatched request fails with {@code serverTagUnavailable} instead of falling back to an
 *     untagged server
 */
public record TagRequest(List<String> tags, boolean required) {
  private static final TagRequest NONE = new TagRequest(List.of(), false);

  public TagRequest {
    tags = List.copyOf(requireNonNull(tags, "tags"));
  }

  /** The request for the effective {@code meta_server-tag} value; {@code null} or blank asks for no tag. */
  public static TagRequest parse(@Nullable String metaServerTag) {
    if (metaServerTag == null || metaServerTag.isBlank()) {
      return NONE;
    }
    String tags = metaServerTag;
    boolean required = false;
    if (tags.endsWith("!")) {
      tags = tags.substring(0, tags.length() - 1);
      if (tags.isBlank()) {
        return NONE;
      }
      required = true;
    }
    // String.split drops trailing empty strings and keeps leading ones, exactly as Ruby's String#split(';') does.
    return new TagRequest(List.of(tags.split(";")), required);
  }

  /** The tags as Scalelite names them in {@code serverTagUnavailable}: the request without its {@code !}. */
  String describe() {
    return String.join(";", tags);
  }
}
