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
 * instance: replicas each ramp to it.
 */
final class RateRamp implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RateRamp.class);

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
	 * Permits per refresh period for a rate a second, never zero.
	 * @param ratePerSecond the rate
	 * @param refreshPeriod the rate limiter's refresh period
	 * @return the permits per period
	 */
	static int permitsPerPeriod(int ratePerSecond, Duration refreshPeriod) {
		long permits = (long) Math.ceil(ratePerSecond * (refreshPeriod.toNanos() / 1e9));
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, permits));
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
