package io.switchboard.routing.selection;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link ServerSelector#leastLoaded()}: linear scans over the candidates, without sorting them. */
final class LeastLoadedSelector implements ServerSelector {
  static final LeastLoadedSelector INSTANCE = new LeastLoadedSelector();

  private static final String UNTAGGED = "none";

  private static final Comparator<Candidate> LEAST_LOADED =
      Comparator.comparingDouble(Candidate::load).thenComparing(Candidate::serverId);

  private LeastLoadedSelector() {}

  @Override
  public Selection select(List<Candidate> candidates, TagRequest request) {
    requireNonNull(candidates, "candidates");
    requireNonNull(request, "request");
    if (candidates.isEmpty()) {
      return new Selection.NoServers();
    }
    Selection.@Nullable Chosen chosen = null;
    for (Candidate candidate : candidates) {
      @Nullable String tag = firstMatchingTag(candidate, request.tags());
      if (tag != null && (chosen == null || LEAST_LOADED.compare(candidate, chosen.candidate()) < 0)) {
        chosen = new Selection.Chosen(candidate, candidate.untagged() ? Optional.empty() : Optional.of(tag));
      }
    }
    if (chosen != null) {
      return chosen;
    }
    if (request.required()) {
      return new Selection.TagUnavailable(request.describe());
    }
    // Scalelite never falls back to a server with a tag, whatever its load.
    return candidates.stream()
        .filter(Candidate::untagged)
        .min(LEAST_LOADED)
        .<Selection>map(untagged -> new Selection.Chosen(untagged, Optional.empty()))
        .orElseGet(Selection.NoServers::new);
  }

  private static @Nullable String firstMatchingTag(Candidate candidate, List<String> requested) {
    for (String tag : requested) {
      if (candidate.tags().contains(tag) || (candidate.untagged() && tag.equals(UNTAGGED))) {
        return tag;
      }
    }
    return null;
  }
}
