/**
 * JMH benchmarks: the join hot path step by step ({@link io.switchboard.bench.HotPathBenchmark}) and a join through the
 * full front-end pipeline in an {@code EmbeddedChannel} ({@link io.switchboard.bench.ApiPipelineBenchmark}). Build with
 * {@code mvn -pl bench -am package}; each class's Javadoc holds the command that runs it. Results are in
 * {@code bench/README.md}.
 */
@NullMarked
package io.switchboard.bench;

import org.jspecify.annotations.NullMarked;
