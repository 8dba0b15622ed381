package io.recsbridge.target;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.shared.SharedState;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Shared mode's permits: one token bucket in Redis for every replica of the account,
 * refilled at {@code TARGET_RATE_LIMIT} with Adobe's ramp applied once for the fleet
 * ({@code rate-limit.lua}, one atomic script per permit). While Redis is unavailable this
 * replica's own rate limiter answers instead, set to its share of the limit.
 */
final class SharedTargetPermits implements TargetPermits {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript
		.of(new ClassPathResource("io/recsbridge/target/rate-limit.lua"), List.class);

	private final SharedState state;

	private final StringRedisTemplate redis;

	private final List<String> key;

	private final String[] arguments;

	private final TargetPermits local;

	private final RateLimiter localLimiter;

	private final Duration maxWait;

	private final AtomicLong fleetRate = new AtomicLong();

	SharedTargetPermits(SharedState state, StringRedisTemplate redis, String key, TargetProperties properties,
			RateLimiter localLimiter, Duration commandTimeout, MeterRegistry registry) {
		this.state = state;
		this.redis = redis;
		this.key = List.of(key);
		this.localLimiter = localLimiter;
		this.local = TargetPermits.local(localLimiter);
		Duration wait = localLimiter.getRateLimiterConfig().getTimeoutDuration();
		this.maxWait = wait.plus(commandTimeout);
		this.arguments = arguments(properties, wait);
		Gauge.builder("recs.bridge.target.fleet.rate", this.fleetRate, AtomicLong::get)
			.description("Target calls a second the whole fleet may make now (the ramp's step), as Redis last said")
			.register(registry);
	}

	static String[] arguments(TargetProperties properties, Duration maxWait) {
		int step = properties.rateRamp() ? properties.rampStep() : 0;
		long steps = properties.rateRamp() ? (properties.rateLimit() + step - 1) / step : 0;
		// The bucket (and so the ramp) starts over once the fleet sat idle for as long
		// as the whole ramp takes, at least a minute.
		long idle = Math.max(Duration.ofMinutes(1).toMillis(), properties.rampInterval().toMillis() * steps);
		return new String[] { Integer.toString(properties.rateLimit()), Integer.toString(step),
				Long.toString(micros(properties.rampInterval())), Long.toString(micros(properties.rateRefreshPeriod())),
				Long.toString(micros(maxWait)), Long.toString(idle) };
	}

	private static long micros(Duration duration) {
		return TimeUnit.NANOSECONDS.toMicros(duration.toNanos());
	}

	@Override
	public void acquire() {
		List<?> permit = this.state.call("rate-limit", this::reserve, () -> null);
		if (permit == null) {
			this.local.acquire();
			return;
		}
		this.fleetRate.set(((Number) permit.get(2)).longValue());
		if (((Number) permit.get(0)).longValue() == 0) {
			throw RequestNotPermitted.createRequestNotPermitted(this.localLimiter);
		}
		long waitMicros = ((Number) permit.get(1)).longValue();
		if (waitMicros > 0) {
			try {
				TimeUnit.MICROSECONDS.sleep(waitMicros);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw RequestNotPermitted.createRequestNotPermitted(this.localLimiter);
			}
		}
	}

	private List<?> reserve() {
		return this.redis.execute(SCRIPT, this.key, (Object[]) this.arguments);
	}

	@Override
	public Duration maxWait() {
		return this.maxWait;
	}

}
