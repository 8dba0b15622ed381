package io.recsbridge.target;

import java.util.function.Predicate;

/**
 * What the {@code target} circuit breaker counts as Target failing: every upstream
 * failure but a rejection (a 4xx other than 420 and 429 says our request is wrong, not
 * that Target is down). Named in application.yml, so public with a public constructor.
 */
public class RecordedTargetFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return failure instanceof TargetCallException ex && ex.failure() != TargetCallException.Failure.REJECTED;
	}

}
