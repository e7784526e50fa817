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
    List<Candidate> pool = eligible(candidates, request);
    if (pool.isEmpty()) {
      return request.required() ? new Selection.TagUnavailable(request.describe()) : new Selection.NoServers();
    }
    Candidate chosen = pool.stream().min(LEAST_LOADED).orElseThrow();
    @Nullable String tag = firstMatchingTag(chosen, request.tags());
    return new Selection.Chosen(chosen, tag == null || chosen.untagged() ? Optional.empty() : Optional.of(tag));
  }

  @Override
  public List<Candidate> eligible(List<Candidate> candidates, TagRequest request) {
    requireNonNull(candidates, "candidates");
    requireNonNull(request, "request");
    List<Candidate> tagged = candidates.stream()
        .filter(candidate -> firstMatchingTag(candidate, request.tags()) != null)
        .toList();
    if (!tagged.isEmpty() || request.required()) {
      return tagged;
    }
    // Scalelite never falls back to a server with a tag, whatever its load.
    return candidates.stream().filter(Candidate::untagged).toList();
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
