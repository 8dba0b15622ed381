package io.recsbridge.recommendation;

import io.recsbridge.target.TargetCallException;

/**
 * One ECID's answer landed: recommendations from {@code source}, and the failure when
 * Target gave none (a last-good answer may still stand in).
 *
 * @param recommendations the items, or {@code null} when Target failed and nothing stood
 * in
 * @param source where they came from, or {@code null} with no recommendations
 * @param failure why Target gave no answer, or {@code null}
 */
record Outcome(RecommendationMapper.Recommendations recommendations, Source source, TargetCallException failure) {

	boolean hasItems() {
		return this.recommendations != null && !this.recommendations.items().isEmpty();
	}

}
