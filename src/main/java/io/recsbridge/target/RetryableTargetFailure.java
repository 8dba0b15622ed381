package io.recsbridge.target;

import java.util.function.Predicate;

/**
 * What the {@code target} retry retries: transient upstream failures (I/O, timeouts, 5xx,
 * 420, 429, garbage) with budget left for another attempt. Never a rejection (another
 * 4xx), an open breaker, a missing rate-limit permit or the bridge's own validation.
 * Named in application.yml, so public with a public constructor.
 */
public class RetryableTargetFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return failure instanceof TargetCallException ex && ex.retryable();
	}

}
