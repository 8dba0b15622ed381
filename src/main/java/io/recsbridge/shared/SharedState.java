package io.recsbridge.shared;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Every Redis command of shared mode goes through here, so that Redis is never on the
 * failure path: a command runs only while the {@code redis} circuit breaker is closed (or
 * probing), within Lettuce's command timeout of a few milliseconds; when it fails, or the
 * breaker is open, the caller's local fallback answers instead (the local caches, the
 * local rate limiter). The breaker closes by itself once Redis answers again.
 * <p>
 * Writes never hold up a request: they run on two background threads behind a bounded
 * queue, and are dropped (and counted) when Redis is away or the queue is full.
 */
public class SharedState implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SharedState.class);

	/** Background writes waiting at most; about a second's worth of misses at 1,000/s. */
	static final int WRITE_QUEUE = 2048;

	private final CircuitBreaker breaker;

	private final MeterRegistry registry;

	private final ThreadPoolExecutor writer;

	SharedState(CircuitBreaker breaker, MeterRegistry registry) {
		this.breaker = breaker;
		this.registry = registry;
		this.writer = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WRITE_QUEUE),
				(task) -> {
					Thread thread = new Thread(task, "shared-state-write");
					thread.setDaemon(true);
					return thread;
				});
		breaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("Redis circuit breaker: {} (shared mode {})",
					event.getStateTransition(), degraded() ? "degraded to local state" : "resumed"));
		Gauge.builder("recs.bridge.shared.state.degraded", this, (state) -> state.degraded() ? 1 : 0)
			.description("1 while Redis is unavailable and the replica answers from local state alone")
			.register(registry);
	}

	/**
	 * Runs a Redis command, or the fallback when Redis is unavailable.
	 * @param <T> the result type
	 * @param operation names the operation in metrics
	 * @param command the command, which may return {@code null}
	 * @param fallback what to answer without Redis
	 * @return the command's result, or the fallback's
	 */
	public <T> T call(String operation, Supplier<T> command, Supplier<T> fallback) {
		if (!this.breaker.tryAcquirePermission()) {
			fellBack(operation, "breaker-open");
			return fallback.get();
		}
		long started = System.nanoTime();
		T result;
		// Run on the request's slot (system/RequestSlots): giving it up for a round trip
		// well under a millisecond cost more than it freed (shared-mode cells: 24% fewer
		// cache hits and 15% fewer uncached answers a second, and the breaker opened;
		// BENCHMARKS.md). A slow Redis is bounded by its 20 ms timeout and this breaker.
		try {
			result = command.get();
		}
		catch (RuntimeException ex) {
			this.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
			logger.debug("Redis {} failed: {}", operation, rootCause(ex));
			fellBack(operation, "error");
			return fallback.get();
		}
		this.breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return result;
	}

	/**
	 * Runs a Redis write in the background, or drops it when Redis is unavailable or the
	 * queue is full: a write is worth a later cache hit, never a request's time.
	 * @param operation names the operation in metrics
	 * @param command the write
	 */
	public void write(String operation, Runnable command) {
		if (!this.breaker.tryAcquirePermission()) {
			fellBack(operation, "breaker-open");
			return;
		}
		// The permission is taken here and settled by the write itself.
		try {
			this.writer.execute(() -> settle(operation, command));
		}
		catch (RejectedExecutionException ex) {
			this.breaker.releasePermission();
			fellBack(operation, "queue-full");
		}
	}

	private void settle(String operation, Runnable command) {
		long started = System.nanoTime();
		try {
			command.run();
			this.breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			this.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
			logger.debug("Redis {} failed: {}", operation, rootCause(ex));
			fellBack(operation, "error");
		}
	}

	/**
	 * Whether the replica is answering from local state alone, Redis being unavailable.
	 * @return {@code true} while the breaker is not closed
	 */
	public boolean degraded() {
		return this.breaker.getState() != CircuitBreaker.State.CLOSED;
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return ex.getClass().getSimpleName() + " (" + cause + ")";
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	private void fellBack(String operation, String reason) {
		Counter.builder("recs.bridge.shared.state.fallbacks")
			.description("Redis operations answered from local state instead")
			.tag("operation", operation)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	@Override
	public void destroy() {
		this.writer.shutdown();
	}

}
