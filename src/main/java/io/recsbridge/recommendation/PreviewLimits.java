package io.recsbridge.recommendation;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.recsbridge.system.TokenBucket;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * A token bucket per caller for previews: each is a real Target call, made by a person
 * iterating on a design, not by a journey. Callers are kept by their authenticated name
 * only, in a bounded map, and never become a metric label.
 */
@Component
class PreviewLimits {

	private static final int MAX_CALLERS = 1_000;

	private final double perSecond;

	private final int burst;

	private final Ticker ticker = Ticker.systemTicker();

	private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
		.maximumSize(MAX_CALLERS)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	PreviewLimits(PreviewProperties properties) {
		this.perSecond = properties.rateLimit() / 60.0;
		this.burst = properties.rateLimit();
	}

	/**
	 * Takes one preview from the caller's bucket.
	 * @param caller who asks; {@code null} when authentication is off
	 * @throws PreviewRateLimitedException when the caller has none left
	 */
	void take(Authentication caller) {
		String name = (caller != null) ? caller.getClass().getSimpleName() + ":" + caller.getName() : "anonymous";
		long waitNanos = this.buckets
			.get(name, (key) -> new TokenBucket(this.perSecond, this.burst, this.ticker.read()))
			.take(this.ticker.read());
		if (waitNanos > 0) {
			throw new PreviewRateLimitedException(Duration.ofNanos(waitNanos));
		}
	}

	void clear() {
		this.buckets.invalidateAll();
	}

}
