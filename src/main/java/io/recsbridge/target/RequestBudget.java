package io.recsbridge.target;

import java.time.Duration;

/**
 * The request's time that Target's attempts must fit in, set by whoever answers the
 * request ({@code BRIDGE_DEADLINE} and {@code bridge.answer-reserve}).
 */
public interface RequestBudget {

	/**
	 * The whole request's budget.
	 * @return the deadline, from the request's arrival
	 */
	Duration deadline();

	/**
	 * What the deadline keeps back for answering once it stops waiting on Target.
	 * @return the reserve
	 */
	Duration answerReserve();

}
