package io.recsbridge.target;

/**
 * The documented rule for a replica without Redis in shared mode: its own limiter gets
 * {@code TARGET_RATE_LIMIT / BRIDGE_SHARED_MAX_REPLICAS} calls a second (at least one),
 * and ramps by as much of the step, so that however many replicas lost Redis together the
 * fleet stays within Target's budget.
 */
final class LocalShare {

	private LocalShare() {
	}

	static TargetProperties of(TargetProperties properties, int maxReplicas) {
		if (maxReplicas <= 1) {
			return properties;
		}
		return new TargetProperties(properties.configuredTransport(), properties.clientCode(), properties.baseUrl(),
				properties.propertyToken(), properties.environmentId(), properties.timeout(),
				Math.max(1, properties.rateLimit() / maxReplicas), properties.rateRamp(),
				properties.rateRefreshPeriod(), Math.max(1, properties.rampStep() / maxReplicas),
				properties.rampInterval(), properties.retry());
	}

}
