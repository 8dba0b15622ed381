package io.recsbridge.system;

import java.time.Duration;

/**
 * Histogram buckets for the bridge's latencies, placed around its budget: Target's 500 ms
 * timeout, the 700 ms deadline, and AJO's 750 ms slow-lane threshold. A dozen fixed
 * buckets rather than Micrometer's seventy keep the scrape small.
 */
public final class LatencyBuckets {

	/** From a cache hit to past AJO's slow lane. */
	public static final Duration[] AROUND_BUDGET = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofMillis(700), Duration.ofMillis(750), Duration.ofMillis(1000), Duration.ofMillis(2500) };

	private LatencyBuckets() {
	}

}
