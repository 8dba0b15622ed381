package io.recsbridge.recommendation;

import java.util.concurrent.CompletableFuture;

import io.recsbridge.target.TargetCallException;
import io.recsbridge.target.TargetDecision;

/**
 * One ECID's answer under way, in one of three states: found in the fresh cache, in
 * flight at Target, or refused before any call started (bulkhead full, breaker open...).
 */
sealed interface Visit permits Visit.Cached, Visit.InFlight, Visit.Refused {

	/**
	 * What the answer is cached under.
	 * @return the key
	 */
	AnswerKey key();

	/**
	 * What a preview hears of this ECID's answer.
	 * @return the trace
	 */
	Trace.Visit trace();

	/**
	 * A fresh answer from the cache: no Target call.
	 *
	 * @param key the cache key
	 * @param recommendations the cached answer
	 * @param trace hears the rest
	 */
	record Cached(AnswerKey key, RecommendationMapper.Recommendations recommendations,
			Trace.Visit trace) implements Visit {
	}

	/**
	 * A Target call under way, perhaps shared with identical concurrent requests.
	 *
	 * @param key the cache key
	 * @param flight the decision to come
	 * @param trace hears the rest
	 */
	record InFlight(AnswerKey key, CompletableFuture<TargetDecision> flight, Trace.Visit trace) implements Visit {
	}

	/**
	 * No Target call started: the guards refused it at once.
	 *
	 * @param key the cache key, for the last-good answer
	 * @param failure why
	 * @param trace hears the rest
	 */
	record Refused(AnswerKey key, TargetCallException failure, Trace.Visit trace) implements Visit {
	}

}
