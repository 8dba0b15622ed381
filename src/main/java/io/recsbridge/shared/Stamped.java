package io.recsbridge.shared;

import java.time.Duration;

/**
 * A cached value and when it was first written, in epoch milliseconds: however many
 * replicas and tiers pass it on, it expires when the first write's time to live ends.
 *
 * @param <V> the value type
 * @param writtenAt when the value was fetched, epoch milliseconds
 * @param value the value
 */
public record Stamped<V>(long writtenAt, V value) {

	/**
	 * What is left of a time to live.
	 * @param ttl the time to live from the first write
	 * @param now epoch milliseconds now
	 * @return the rest, zero once expired
	 */
	Duration remaining(Duration ttl, long now) {
		long left = ttl.toMillis() - Math.max(0, now - this.writtenAt);
		return Duration.ofMillis(Math.max(0, left));
	}

}
