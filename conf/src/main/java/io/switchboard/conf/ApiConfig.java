package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How Switchboard speaks the BBB API to front-ends and servers ({@code switchboard.api}, spec §3.3, §3.4, §3.6): the
 * load-balancer secrets accepted on inbound checksums (Scalelite's {@code LOADBALANCER_SECRET} then
 * {@code LOADBALANCER_SECRETS}), the checksum algorithms accepted inbound and the one used to sign outbound calls,
 * the public host ({@code ""} accepts any Host), the {@code <build>} of the index reply ({@code ""} for none) and
 * whether {@code getMeetings} is disabled. {@link #toString()} hides the secrets.
 */
public record ApiConfig(List<String> secrets, Set<ChecksumAlgorithm> acceptedAlgorithms,
                        ChecksumAlgorithm outboundAlgorithm, String urlHost, String buildNumber,
                        boolean getMeetingsDisabled) {
  public ApiConfig {
    secrets = Checks.list(secrets, "secrets");
    if (secrets.isEmpty() || secrets.stream().anyMatch(String::isBlank)) {
      throw Checks.invalid("secrets", "<hidden>", "at least one secret, none blank");
    }
    requireNonNull(acceptedAlgorithms, "acceptedAlgorithms");
    if (acceptedAlgorithms.isEmpty()) {
      throw Checks.invalid("acceptedAlgorithms", "[]", "at least one algorithm");
    }
    acceptedAlgorithms = Collections.unmodifiableSet(EnumSet.copyOf(acceptedAlgorithms));
    requireNonNull(outboundAlgorithm, "outboundAlgorithm");
    requireNonNull(urlHost, "urlHost");
    requireNonNull(buildNumber, "buildNumber");
  }

  @Override
  public String toString() {
    return "ApiConfig[secrets=<" + secrets.size() + " hidden>, acceptedAlgorithms=" + acceptedAlgorithms
        + ", outboundAlgorithm=" + outboundAlgorithm + ", urlHost=" + urlHost + ", buildNumber=" + buildNumber
        + ", getMeetingsDisabled=" + getMeetingsDisabled + "]";
  }
}
