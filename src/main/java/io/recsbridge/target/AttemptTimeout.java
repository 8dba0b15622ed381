package io.recsbridge.target;

import java.time.Duration;

import io.recsbridge.system.StartupRefusal;

/**
 * The connect and read timeout of one Target attempt, the one in force everywhere (the
 * HTTP client's timeouts, {@link GuardedTarget}'s attempt budget):
 * {@code TARGET_TIMEOUT}, cut when one attempt would not otherwise fit in the request's
 * deadline. An operator who shortens only {@code BRIDGE_DEADLINE} gets a deadline that
 * holds, not a refusal.
 *
 * @param configured {@code TARGET_TIMEOUT}
 * @param effective the timeout in force, at most {@code configured}
 */
record AttemptTimeout(Duration configured, Duration effective) {

	/** The HTTP client counts timeouts in milliseconds, and reads zero as none. */
	private static final Duration SHORTEST = Duration.ofMillis(1);

	/**
	 * The longest timeout that leaves one attempt (the wait for a rate-limit permit, then
	 * the call) and the answer reserve within the deadline.
	 * @param configured {@code TARGET_TIMEOUT}
	 * @param permitWait the longest wait for a rate-limit permit
	 * @param budget the request's deadline and answer reserve
	 * @return the timeout
	 * @throws StartupRefusal when the deadline leaves no time for a call at all
	 */
	static AttemptTimeout fit(Duration configured, Duration permitWait, RequestBudget budget) {
		Duration room = budget.deadline().minus(budget.answerReserve()).minus(permitWait);
		if (room.compareTo(SHORTEST) < 0) {
			throw new StartupRefusal(
					"BRIDGE_DEADLINE (" + budget.deadline().toMillis()
							+ " ms) leaves no time for a Target call: the answer reserve (bridge.answer-reserve, "
							+ budget.answerReserve().toMillis() + " ms) and the longest wait for a rate-limit permit ("
							+ permitWait.toMillis() + " ms) take all of it.",
					"Set BRIDGE_DEADLINE above " + budget.answerReserve().plus(permitWait).toMillis()
							+ " ms (by default 700 ms, under AJO's 750 ms), or shorten "
							+ "resilience4j.ratelimiter.instances.target.timeout-duration or bridge.answer-reserve.");
		}
		return new AttemptTimeout(configured, (configured.compareTo(room) > 0) ? room : configured);
	}

	/**
	 * Whether the timeout in force is shorter than {@code TARGET_TIMEOUT}.
	 * @return {@code true} when cut to fit the deadline
	 */
	boolean cut() {
		return this.effective.compareTo(this.configured) < 0;
	}

}
