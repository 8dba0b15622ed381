package io.recsbridge.recommendation;

import java.util.List;

import io.recsbridge.identity.PersonIdentity;
import io.recsbridge.target.TargetCallException;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetExchanges;

/**
 * What a preview hears of one request as the service answers it. A send passes
 * {@link #NONE}: every method does nothing and nothing is allocated for it, so the
 * explanation costs AJO's calls nothing. A trace that {@link #preview() previews} also
 * changes two things, and only two: Target is always asked (no fresh cache, no shared
 * call) and no cache is written. The service takes no time for a trace: a trace that
 * wants timings reads the clock itself when it hears each step.
 */
interface Trace {

	/** Hears nothing; the caches are used as usual. */
	Trace NONE = new Trace() {
	};

	/**
	 * Whether this is a preview: ask Target whatever the fresh cache holds, write no
	 * cache.
	 * @return {@code false} for a send
	 */
	default boolean preview() {
		return false;
	}

	/**
	 * The identities given and the ECIDs they resolved to.
	 * @param ecid the ECID given, or {@code null}
	 * @param identities the other identities given
	 * @param ecids the ECIDs Target is asked for
	 */
	default void identities(String ecid, List<PersonIdentity> identities, List<String> ecids) {
	}

	/**
	 * Hears how each cart line was completed.
	 * @return the log
	 */
	default CartLog cartLines() {
		return CartLog.NONE;
	}

	/**
	 * What is heard of one ECID's answer, from now on.
	 * @param ecid the ECID
	 * @return its trace
	 */
	default Visit visit(String ecid) {
		return Visit.NONE;
	}

	/**
	 * Target failed for every ECID: the use case's fallback policy answers.
	 * @param policy the policy, or {@code null} when the bridge's own rate limit towards
	 * Target refused the call (the API answers 429 whatever the policy)
	 * @param reason the answer's reason
	 * @param failure the failure that led to it
	 */
	default void fallback(FallbackPolicy policy, Reason reason, TargetCallException failure) {
	}

	/**
	 * Hears the fallback's items as the mapper decides them.
	 * @return the log
	 */
	default EntityLog fallbackEntities() {
		return EntityLog.NONE;
	}

	/**
	 * What is heard of one ECID's answer: the caches asked, Target's exchange, the
	 * entities.
	 */
	interface Visit extends TargetExchanges {

		/** Hears nothing. */
		Visit NONE = new Visit() {
		};

		/**
		 * A cache was asked, or skipped.
		 * @param cache which cache
		 * @param result {@code hit}, {@code miss}, {@code skipped}...
		 */
		default void cache(String cache, String result) {
		}

		/**
		 * Target's decision arrived; mapping it starts.
		 * @param decision what Target returned
		 */
		default void decided(TargetDecision decision) {
		}

		/**
		 * Target gave no answer (the bridge stopped waiting, or never started).
		 * @param failure why
		 */
		default void failed(TargetCallException failure) {
		}

		/**
		 * Hears each entity's fate.
		 * @return the log
		 */
		default EntityLog entities() {
			return EntityLog.NONE;
		}

		/**
		 * Where this ECID's items came from.
		 * @param source the source
		 * @param reason why, when not all went well
		 */
		default void answered(Source source, Reason reason) {
		}

	}

}
