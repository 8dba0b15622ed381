package io.recsbridge.target;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.ratelimiter.configuration.RateLimiterConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterProperties;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.shared.SharedNamespace;
import io.recsbridge.shared.SharedState;
import io.recsbridge.shared.SharedStateProperties;
import io.recsbridge.system.SchedulingLag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Wires the {@code target} resilience4j instances (their numbers are in application.yml,
 * but for the rate and the retry's waits, which come from {@code target.*}:
 * {@link BridgeSetResilience}) around the transport.
 */
@Configuration(proxyBeanMethods = false)
class TargetResilienceConfiguration {

	static final String INSTANCE = "target";

	private static final Logger logger = LoggerFactory.getLogger(TargetResilienceConfiguration.class);

	@Bean
	RetryConfigCustomizer targetRetryBackoff(TargetProperties properties, RetryProperties retries) {
		BridgeSetResilience.checkRetry(retries);
		TargetProperties.RetryBackoff backoff = properties.retry();
		IntervalFunction jittered = IntervalFunction.ofExponentialRandomBackoff(backoff.initialWait(),
				backoff.multiplier(), backoff.jitter());
		return RetryConfigCustomizer.of(INSTANCE, (builder) -> builder.intervalBiFunction(retryAfterAware(jittered)));
	}

	/**
	 * The jittered backoff, or Target's {@code Retry-After} when that is longer.
	 */
	static IntervalBiFunction<Object> retryAfterAware(IntervalFunction backoff) {
		return (attempt, outcome) -> {
			long wait = backoff.apply(attempt);
			if (outcome.isLeft() && outcome.getLeft() instanceof TargetCallException ex && ex.retryAfter() != null) {
				return Math.max(wait, ex.retryAfter().toMillis());
			}
			return wait;
		};
	}

	/**
	 * The rate limiter starts with the first step's permits: a limit changed later takes
	 * effect only from the next refresh period. The period is the configured one, longer
	 * for a limit under one permit per configured period.
	 */
	@Bean
	RateLimiterConfigCustomizer targetRateLimit(TargetProperties properties, ObjectProvider<SharedState> shared,
			SharedStateProperties sharedProperties, RateLimiterProperties rateLimiters) {
		BridgeSetResilience.checkRateLimiter(rateLimiters);
		return rateLimitFor(localLimit(properties, shared, sharedProperties));
	}

	/**
	 * This replica's rate limiter for a limit.
	 * @param local the limit this replica's own limiter enforces
	 * @return the customizer of the {@code target} rate limiter
	 */
	static RateLimiterConfigCustomizer rateLimitFor(TargetProperties local) {
		Duration period = RateRamp.refreshPeriod(local);
		int permits = RateRamp.permitsPerPeriod(RateRamp.initialRate(local), period);
		return RateLimiterConfigCustomizer.of(INSTANCE,
				(builder) -> builder.limitRefreshPeriod(period).limitForPeriod(permits));
	}

	@Bean
	RateRamp targetRateRamp(RateLimiterRegistry rateLimiters, TargetProperties properties,
			ObjectProvider<SharedState> shared, SharedStateProperties sharedProperties) {
		return new RateRamp(rateLimiters.rateLimiter(INSTANCE), localLimit(properties, shared, sharedProperties));
	}

	/**
	 * This replica's own limiter: the whole limit in in-memory mode; in shared mode,
	 * where it stands in only while Redis is unavailable, its share of the limit.
	 */
	private static TargetProperties localLimit(TargetProperties properties, ObjectProvider<SharedState> shared,
			SharedStateProperties sharedProperties) {
		return (shared.getIfAvailable() != null) ? LocalShare.of(properties, sharedProperties.maxReplicas())
				: properties;
	}

	/**
	 * Permits from the fleet's bucket in Redis in shared mode, else from this replica's
	 * rate limiter.
	 */
	@Bean
	TargetPermits targetPermits(RateLimiterRegistry rateLimiters, TargetProperties properties,
			ObjectProvider<SharedState> shared, ObjectProvider<SharedNamespace> namespace,
			ObjectProvider<StringRedisTemplate> redis, ObjectProvider<RedisProperties> redisProperties,
			MeterRegistry registry) {
		RateLimiter local = rateLimiters.rateLimiter(INSTANCE);
		SharedState state = shared.getIfAvailable();
		if (state == null) {
			return TargetPermits.local(local);
		}
		Duration commandTimeout = redisProperties.getObject().getTimeout();
		return new SharedTargetPermits(state, redis.getObject(), namespace.getObject().key("target-rate"), properties,
				local, commandTimeout, registry);
	}

	/**
	 * The probe of how late threads run, exported as
	 * {@code recs_bridge_scheduling_lag_seconds}: above a few milliseconds the CPU is
	 * saturated.
	 */
	@Bean
	SchedulingLag schedulingLag(Environment environment, MeterRegistry registry) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("scheduling-lag-");
		executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		executor.setDaemon(true);
		SchedulingLag lag = new SchedulingLag(executor);
		Gauge.builder("recs.bridge.scheduling.lag", lag, SchedulingLag::recentSeconds)
			.description("Recent peak of how late the bridge's threads ran; above a few ms the CPU is saturated")
			.baseUnit("seconds")
			.register(registry);
		return lag;
	}

	@Bean
	GuardedTarget guardedTarget(TargetClient transport, BulkheadRegistry bulkheads, RetryRegistry retries,
			CircuitBreakerRegistry breakers, RateLimiterRegistry rateLimiters, TargetPermits permits,
			AttemptTimeout timeout, Environment environment, SchedulingLag lag) {
		CircuitBreaker breaker = breakers.circuitBreaker(INSTANCE);
		breaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("Target circuit breaker: {}", event.getStateTransition()));
		RateLimiter rateLimiter = rateLimiters.rateLimiter(INSTANCE);
		Duration attemptBudget = timeout.effective().plus(permits.maxWait());
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("target-call-");
		// Virtual threads on Java 21+ when enabled; each call waits on I/O, never
		// computes.
		executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		return new GuardedTarget(transport, new GuardedTarget.Guards(bulkheads.bulkhead(INSTANCE),
				retries.retry(INSTANCE), breaker, rateLimiter, permits), executor, attemptBudget, lag::recentNanos);
	}

}
