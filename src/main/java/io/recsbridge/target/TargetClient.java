package io.recsbridge.target;

/**
 * Asks Adobe Target for one mbox's decision, whichever transport carries it.
 */
public interface TargetClient {

	/**
	 * Executes the query's mbox for the visitor.
	 * @param query what to ask
	 * @return the options Target returned, possibly none
	 * @throws TargetCallException when Target could not be reached, answered an error, or
	 * answered something that is not a Delivery response
	 */
	TargetDecision execute(TargetQuery query);

}
