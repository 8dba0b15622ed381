package io.recsbridge.target;

import java.util.List;

/**
 * What Target decided for one mbox: the options it returned, transport-neutral.
 *
 * @param options the options in Target's order; empty when no activity matched
 */
public record TargetDecision(List<TargetOption> options) {

	public TargetDecision {
		options = List.copyOf(options);
	}

}
