package io.recsbridge.target;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;

/**
 * One permit under Target's rate limit per attempt: from this replica's rate limiter in
 * in-memory mode, from the fleet's bucket in Redis in shared mode.
 */
interface TargetPermits {

	/**
	 * Waits for a permit, no longer than {@link #maxWait()}.
	 * @throws RequestNotPermitted when none comes in time
	 */
	void acquire();

	/**
	 * The longest {@link #acquire()} takes: part of one attempt's budget.
	 * @return the longest wait
	 */
	Duration maxWait();

	/**
	 * This replica's resilience4j {@code target} rate limiter (ramped by
	 * {@link RateRamp}).
	 * @param rateLimiter the rate limiter
	 * @return its permits
	 */
	static TargetPermits local(RateLimiter rateLimiter) {
		return new TargetPermits() {

			@Override
			public void acquire() {
				RateLimiter.waitForPermission(rateLimiter);
			}

			@Override
			public Duration maxWait() {
				return rateLimiter.getRateLimiterConfig().getTimeoutDuration();
			}

		};
	}

}
