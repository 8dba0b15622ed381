package io.recsbridge.target;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Adobe asks email senders to ramp up by 200 requests a second each minute rather than
 * hit Target with the full rate at once. This raises the {@code target} rate limiter's
 * permits step by step from start-up until the configured limit. The limit is per
 * instance: replicas each ramp to it. Permits per period are rounded down, never up, so
 * no step lets more calls through than its rate.
 */
final class RateRamp implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RateRamp.class);

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final RateLimiter rateLimiter;

	private final int limit;

	private final int step;

	private final ScheduledExecutorService scheduler;

	private int rate;

	RateRamp(RateLimiter rateLimiter, TargetProperties properties) {
		this.rateLimiter = rateLimiter;
		this.limit = properties.rateLimit();
		this.step = properties.rampStep();
		this.rate = initialRate(properties);
		apply();
		if (this.rate < this.limit) {
			this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "target-rate-ramp");
				thread.setDaemon(true);
				return thread;
			});
			long interval = properties.rampInterval().toMillis();
			this.scheduler.scheduleAtFixedRate(this::stepUp, interval, interval, TimeUnit.MILLISECONDS);
		}
		else {
			this.scheduler = null;
		}
	}

	/**
	 * The rate to start at.
	 * @param properties the Target properties
	 * @return the first step, or the whole limit when the ramp is off
	 */
	static int initialRate(TargetProperties properties) {
		return properties.rateRamp() ? Math.min(properties.rampStep(), properties.rateLimit()) : properties.rateLimit();
	}

	/**
	 * The rate limiter's refresh period: the configured one, lengthened when needed so
	 * that the starting rate is a whole number of permits per period. Rounding permits up
	 * instead would let more through than the limit (one permit every 100 ms is 10 calls
	 * a second, for a limit of 1 or 5); a longer period keeps the rate exact.
	 * @param properties the Target properties
	 * @return the period, never shorter than {@code rateRefreshPeriod}
	 */
	static Duration refreshPeriod(TargetProperties properties) {
		long rate = initialRate(properties);
		long configured = properties.rateRefreshPeriod().toNanos();
		long permits = Math.max(1, ceilDiv(multiply(rate, configured), NANOS_PER_SECOND));
		return Duration.ofNanos(Math.max(configured, ceilDiv(multiply(permits, NANOS_PER_SECOND), rate)));
	}

	/**
	 * Permits per refresh period for a rate a second, rounded down: a limit is never
	 * exceeded.
	 * @param ratePerSecond the rate
	 * @param refreshPeriod the rate limiter's refresh period, from
	 * {@link #refreshPeriod(TargetProperties)}
	 * @return the permits per period, at least one
	 * @throws IllegalArgumentException when the period is too short to hold one permit
	 */
	static int permitsPerPeriod(int ratePerSecond, Duration refreshPeriod) {
		long permits = multiply(ratePerSecond, refreshPeriod.toNanos()) / NANOS_PER_SECOND;
		if (permits < 1) {
			throw new IllegalArgumentException(
					"A refresh period of " + refreshPeriod + " holds no whole permit at " + ratePerSecond + "/s");
		}
		return (int) Math.min(Integer.MAX_VALUE, permits);
	}

	private static long multiply(long a, long b) {
		try {
			return Math.multiplyExact(a, b);
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	private static long ceilDiv(long dividend, long divisor) {
		return -Math.floorDiv(-dividend, divisor);
	}

	synchronized int currentRate() {
		return this.rate;
	}

	synchronized void stepUp() {
		if (this.rate >= this.limit) {
			return;
		}
		this.rate = Math.min(this.limit, this.rate + this.step);
		apply();
		logger.info("Target rate limit ramped up to {} calls/s (limit {})", this.rate, this.limit);
		if (this.rate >= this.limit && this.scheduler != null) {
			this.scheduler.shutdown();
		}
	}

	private void apply() {
		this.rateLimiter.changeLimitForPeriod(
				permitsPerPeriod(this.rate, this.rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod()));
	}

	@Override
	public void destroy() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

}
