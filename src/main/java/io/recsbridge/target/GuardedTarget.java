package io.recsbridge.target;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.recsbridge.system.Deadline;
import io.recsbridge.target.TargetCallException.Failure;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;

/**
 * Target behind the resilience4j guards, within one request's deadline: <pre>
 * bulkhead ( retry ( circuit breaker ( rate limiter, then one HTTP call ) ) )
 * </pre> The bulkhead bounds the calls in flight and refuses at once when full, rather
 * than queueing past the deadline. Each attempt passes the breaker (so an open breaker
 * stops retries too) and takes one rate-limit permit (Target counts every request). An
 * attempt starts only while the deadline leaves room for its whole timeout, so that
 * {@code attempts x (permit wait + timeout) + backoff < deadline} holds by construction.
 */
public class GuardedTarget {

	private final TargetClient transport;

	private final Bulkhead bulkhead;

	private final Retry retry;

	private final CircuitBreaker breaker;

	private final RateLimiter rateLimiter;

	private final TargetPermits permits;

	private final AsyncTaskExecutor executor;

	private final Duration attemptBudget;

	/**
	 * Above this recent scheduling lag the bridge is starved of CPU, and an exchange's
	 * measured time says more about the bridge than about Target.
	 */
	static final long UNTRUSTWORTHY_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final LongSupplier recentLagNanos;

	private final long slowCallNanos;

	/**
	 * @param recentLagNanos how late the bridge's threads recently ran (see
	 * {@code SchedulingLag})
	 */
	GuardedTarget(TargetClient transport, Guards guards, AsyncTaskExecutor executor, Duration attemptBudget,
			LongSupplier recentLagNanos) {
		this.recentLagNanos = recentLagNanos;
		this.slowCallNanos = guards.breaker().getCircuitBreakerConfig().getSlowCallDurationThreshold().toNanos();
		this.transport = transport;
		this.bulkhead = guards.bulkhead();
		this.retry = guards.retry();
		this.breaker = guards.breaker();
		this.rateLimiter = guards.rateLimiter();
		this.permits = guards.permits();
		this.executor = executor;
		this.attemptBudget = attemptBudget;
	}

	/**
	 * Starts the call on its own thread, so the caller can stop waiting at its deadline
	 * whatever Target does (hangs, dribbles a body).
	 * @param query what to ask
	 * @param deadline when the request must be answered
	 * @return the decision to come
	 * @throws TargetCallException with {@link Failure#BULKHEAD_FULL} at once when the
	 * bulkhead is full
	 */
	public CompletableFuture<TargetDecision> submit(TargetQuery query, Deadline deadline) {
		if (!this.bulkhead.tryAcquirePermission()) {
			throw new TargetCallException(Failure.BULKHEAD_FULL, "Too many Target calls in flight");
		}
		try {
			return this.executor.submitCompletable(() -> {
				try {
					return callWithRetries(query, deadline);
				}
				finally {
					this.bulkhead.onComplete();
				}
			});
		}
		catch (TaskRejectedException ex) {
			this.bulkhead.onComplete();
			throw new TargetCallException(Failure.BULKHEAD_FULL, "No thread for a Target call", ex);
		}
	}

	/**
	 * The longest one attempt may take: a rate-limit permit's wait and the call's
	 * timeout.
	 * @return the attempt budget
	 */
	public Duration attemptBudget() {
		return this.attemptBudget;
	}

	private TargetDecision callWithRetries(TargetQuery query, Deadline deadline) {
		AtomicReference<TargetCallException> lastFailure = new AtomicReference<>();
		Supplier<TargetDecision> attempt = () -> attempt(query, deadline, lastFailure);
		try {
			return Retry.decorateSupplier(this.retry, attempt).get();
		}
		catch (CallNotPermittedException ex) {
			throw new TargetCallException(Failure.BREAKER_OPEN, "The Target circuit breaker is open");
		}
		catch (RequestNotPermitted ex) {
			throw TargetCallException.throttled(Failure.RATE_LIMITED, "No permit under the Target rate limit in time",
					this.rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod());
		}
	}

	private TargetDecision attempt(TargetQuery query, Deadline deadline,
			AtomicReference<TargetCallException> lastFailure) {
		TargetCallException last = lastFailure.get();
		if (last != null && !deadline.allows(this.attemptBudget)) {
			// A retry starts only if its whole attempt fits before the deadline.
			throw last.withoutRetry();
		}
		if (last == null && deadline.remaining().isZero()) {
			throw new TargetCallException(Failure.DEADLINE, "No time left to call Target");
		}
		// The first attempt goes ahead even when a busy machine started it late: the
		// request stops waiting at its deadline, and the call ends at Target's timeout.
		try {
			return exchange(query);
		}
		catch (TargetCallException ex) {
			lastFailure.set(ex);
			Duration retryAfter = ex.retryAfter();
			if (retryAfter != null && !deadline.allows(retryAfter.plus(this.attemptBudget))) {
				// Target's requested wait does not fit in what is left: answer now.
				throw ex.withoutRetry();
			}
			throw ex;
		}
	}

	/**
	 * One exchange with Target, judged by the breaker on its own time alone: the wait for
	 * a rate-limit permit and the wait for this thread to be scheduled come before the
	 * clock starts, so a bridge busy with its own load does not make a healthy Target
	 * look slow and open the breaker against it.
	 */
	private TargetDecision exchange(TargetQuery query) {
		this.breaker.acquirePermission();
		try {
			this.permits.acquire();
		}
		catch (RequestNotPermitted ex) {
			// Our own limit, not Target's doing: the breaker forgets this call.
			this.breaker.releasePermission();
			throw ex;
		}
		long start = System.nanoTime();
		try {
			TargetDecision decision = this.transport.execute(query);
			judgeAnswer(System.nanoTime() - start, decision);
			return decision;
		}
		catch (RuntimeException | Error ex) {
			this.breaker.onError(targetsOwnTime(System.nanoTime() - start, this.recentLagNanos.getAsLong()),
					TimeUnit.NANOSECONDS, ex);
			throw ex;
		}
	}

	/**
	 * Tells the breaker of an answer that took {@code elapsedNanos}, judged on Target's
	 * own time. An answer that still looks slow while the bridge's own threads run late
	 * is not judged: whether Target was slow cannot be told then, and an overloaded
	 * bridge must not open the breaker against a healthy Target. A Target really that
	 * slow still meets its timeout, which is judged.
	 * @param elapsedNanos the exchange's time as this thread measured it
	 * @param decision what Target answered
	 */
	void judgeAnswer(long elapsedNanos, TargetDecision decision) {
		long lag = this.recentLagNanos.getAsLong();
		long own = targetsOwnTime(elapsedNanos, lag);
		if (own >= this.slowCallNanos && lag > UNTRUSTWORTHY_LAG_NANOS) {
			this.breaker.releasePermission();
		}
		else {
			this.breaker.onResult(own, TimeUnit.NANOSECONDS, decision);
		}
	}

	/**
	 * The exchange's time less what this thread recently waited for a core: on a
	 * saturated CPU the answer was there before the thread could read it.
	 */
	private static long targetsOwnTime(long elapsedNanos, long lagNanos) {
		return Math.max(0, elapsedNanos - lagNanos);
	}

	/**
	 * The resilience4j instances guarding Target.
	 *
	 * @param bulkhead bounds the calls in flight
	 * @param retry retries transient failures
	 * @param breaker stops calling a failing Target
	 * @param rateLimiter this replica's rate limiter, whose refresh period is the
	 * {@code Retry-After} of a call refused a permit
	 * @param permits keep calls under Target's rate: this replica's limiter, or the
	 * fleet's bucket in shared mode
	 */
	record Guards(Bulkhead bulkhead, Retry retry, CircuitBreaker breaker, RateLimiter rateLimiter,
			TargetPermits permits) {
	}

}
