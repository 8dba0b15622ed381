package io.recsbridge.recommendation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Several devices' items as one list, unique by id and best rank first: every device's
 * first item, then every device's second... The first device's activity is credited.
 */
final class DeviceMerge {

	private DeviceMerge() {
	}

	/**
	 * @param outcomes the outcomes with items, in the order of the ECIDs
	 * @param maxItems how many items the email shows
	 * @return the merged items
	 */
	static RecommendationMapper.Recommendations merge(List<Outcome> outcomes, int maxItems) {
		RecommendationMapper.Recommendations first = outcomes.get(0).recommendations();
		if (outcomes.size() == 1) {
			return first;
		}
		List<EmailItem> merged = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int longest = outcomes.stream().mapToInt((outcome) -> outcome.recommendations().items().size()).max().orElse(0);
		for (int rank = 0; rank < longest; rank++) {
			for (Outcome outcome : outcomes) {
				List<EmailItem> items = outcome.recommendations().items();
				if (rank < items.size() && merged.size() < maxItems && seen.add(items.get(rank).id())) {
					merged.add(items.get(rank).withRank(merged.size() + 1));
				}
			}
		}
		return new RecommendationMapper.Recommendations(merged, Reason.NONE, first.activityId(), first.activityName(),
				first.experienceName());
	}

}
