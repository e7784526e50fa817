package io.switchboard.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies of one measured phase, in nanoseconds, kept whole (no histogram buckets) so that the percentiles are exact
 * order statistics: the p-th percentile is the smallest sample with at least p % of the samples at or below it.
 * {@link #record} is thread-safe; a sample beyond the capacity is dropped and counted in {@link #dropped()}.
 */
final class Latencies {
  private final long[] samples;
  private final AtomicInteger next = new AtomicInteger();

  Latencies(int capacity) {
    this.samples = new long[capacity];
  }

  void record(long nanos) {
    int index = next.getAndIncrement();
    if (index < samples.length) {
      samples[index] = nanos;
    }
  }

  int count() {
    return Math.min(next.get(), samples.length);
  }

  int dropped() {
    return Math.max(0, next.get() - samples.length);
  }

  /** The order statistics of what was recorded so far. */
  Summary summary() {
    long[] sorted = Arrays.copyOf(samples, count());
    Arrays.sort(sorted);
    return new Summary(sorted);
  }

  /** Sorted samples. */
  static final class Summary {
    private final long[] sorted;

    Summary(long[] sorted) {
      this.sorted = sorted;
    }

    int count() {
      return sorted.length;
    }

    /** The {@code p}-th percentile (0 < p <= 100), nearest-rank; 0 without samples. */
    long percentileNanos(double p) {
      if (sorted.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long maxNanos() {
      return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    double meanNanos() {
      if (sorted.length == 0) {
        return 0;
      }
      double sum = 0;
      for (long sample : sorted) {
        sum += sample;
      }
      return sum / sorted.length;
    }

    /** {@code p50 1.234 ms  p90 …  p99 …  p99.9 …  max …  mean …} */
    String line() {
      return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  mean %s (ms, n=%d)",
          ms(percentileNanos(50)), ms(percentileNanos(90)), ms(percentileNanos(99)), ms(percentileNanos(99.9)),
          ms(maxNanos()), ms((long) meanNanos()), sorted.length);
    }

    /** The same figures as a Markdown table row's cells: {@code | p50 | p90 | p99 | p99.9 | max |}. */
    String cells() {
      return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", ms(percentileNanos(50)),
          ms(percentileNanos(90)), ms(percentileNanos(99)), ms(percentileNanos(99.9)), ms(maxNanos()));
    }
  }

  /** Milliseconds with three significant decimals below 10 ms, one above. */
  static String ms(long nanos) {
    double millis = nanos / 1e6;
    return millis < 10 ? String.format(Locale.ROOT, "%.3f", millis) : String.format(Locale.ROOT, "%.1f", millis);
  }
}
