package io.switchboard.routing.selection;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of {@link ServerSelector#select}: a chosen server, no server at all (BBB {@code internalError}
 * "Could not find any available servers."), or a required tag that no server carries ({@code serverTagUnavailable}),
 * spec §4.5 step 4 and §5.2.
 */
public sealed interface Selection permits Selection.Chosen, Selection.NoServers, Selection.TagUnavailable {

  /**
   * The server that receives the meeting.
   *
   * @param matchedTag the requested tag that selected a tagged server, to forward as {@code meta_server-tag}; empty when
   *     the chosen server is untagged (the fallback, or a {@code none} match), so that the parameter is removed
   */
  record Chosen(Candidate candidate, Optional<String> matchedTag) implements Selection {
    public Chosen {
      requireNonNull(candidate, "candidate");
      requireNonNull(matchedTag, "matchedTag");
    }
  }

  /** No candidate qualifies: none at all, or no untagged one to fall back to. */
  record NoServers() implements Selection {}

  /**
   * The tags were required and no candidate carries any of them.
   *
   * @param tags the requested tags without the {@code !}, joined with {@code ;}, for
   *     {@code BbbError.serverTagUnavailable(tags)}
   */
  record TagUnavailable(String tags) implements Selection {
    public TagUnavailable {
      requireNonNull(tags, "tags");
    }
  }
}
