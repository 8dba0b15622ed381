package io.recsbridge.target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.resilience4j.common.ratelimiter.configuration.CommonRateLimiterConfigurationProperties;
import io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties;
import io.recsbridge.system.StartupRefusal;

/**
 * The {@code target} resilience4j settings the bridge sets itself from {@code target.*},
 * so that each has one source: an operator's value for one of them under
 * {@code resilience4j.*} would be overwritten without a word, so start-up refuses it and
 * names the setting to use instead. They cannot move into resilience4j's own settings:
 * the rate is the fleet's in shared mode (this replica's limiter takes a share of it), it
 * ramps up at run time, and the retry waits for Target's {@code Retry-After}.
 */
final class BridgeSetResilience {

	private static final String RATE = "TARGET_RATE_LIMIT (target.rate-limit), target.rate-refresh-period "
			+ "and TARGET_RATE_RAMP";

	private static final String BACKOFF = "target.retry.initial-wait, target.retry.multiplier and "
			+ "target.retry.jitter";

	private BridgeSetResilience() {
	}

	/**
	 * Refuses a {@code target} rate limiter's limit set under {@code resilience4j.*}.
	 * @param properties resilience4j's rate limiter settings, as bound
	 * @throws StartupRefusal naming both settings when one is set
	 */
	static void checkRateLimiter(CommonRateLimiterConfigurationProperties properties) {
		Map<String, Function<CommonRateLimiterConfigurationProperties.InstanceProperties, Object>> owned = new LinkedHashMap<>();
		owned.put("limit-for-period", CommonRateLimiterConfigurationProperties.InstanceProperties::getLimitForPeriod);
		owned.put("limit-refresh-period",
				CommonRateLimiterConfigurationProperties.InstanceProperties::getLimitRefreshPeriod);
		check("resilience4j.ratelimiter", properties.getInstances(), properties.getConfigs(),
				CommonRateLimiterConfigurationProperties.InstanceProperties::getBaseConfig, owned, RATE);
	}

	/**
	 * Refuses a {@code target} retry's waits set under {@code resilience4j.*}.
	 * @param properties resilience4j's retry settings, as bound
	 * @throws StartupRefusal naming both settings when one is set
	 */
	static void checkRetry(CommonRetryConfigurationProperties properties) {
		Map<String, Function<CommonRetryConfigurationProperties.InstanceProperties, Object>> owned = new LinkedHashMap<>();
		owned.put("wait-duration", CommonRetryConfigurationProperties.InstanceProperties::getWaitDuration);
		owned.put("enable-exponential-backoff",
				CommonRetryConfigurationProperties.InstanceProperties::getEnableExponentialBackoff);
		owned.put("exponential-backoff-multiplier",
				CommonRetryConfigurationProperties.InstanceProperties::getExponentialBackoffMultiplier);
		owned.put("exponential-max-wait-duration",
				CommonRetryConfigurationProperties.InstanceProperties::getExponentialMaxWaitDuration);
		owned.put("enable-randomized-wait",
				CommonRetryConfigurationProperties.InstanceProperties::getEnableRandomizedWait);
		owned.put("randomized-wait-factor",
				CommonRetryConfigurationProperties.InstanceProperties::getRandomizedWaitFactor);
		owned.put("interval-bi-function", CommonRetryConfigurationProperties.InstanceProperties::getIntervalBiFunction);
		check("resilience4j.retry", properties.getInstances(), properties.getConfigs(),
				CommonRetryConfigurationProperties.InstanceProperties::getBaseConfig, owned, BACKOFF);
	}

	/**
	 * Looks at the {@code target} instance and the configuration it inherits from (its
	 * {@code base-config}, else {@code default}), as resilience4j resolves them.
	 */
	private static <T> void check(String prefix, Map<String, T> instances, Map<String, T> configs,
			Function<T, String> baseConfig, Map<String, Function<T, Object>> owned, String instead) {
		List<String> set = new ArrayList<>();
		T instance = instances.get(TargetResilienceConfiguration.INSTANCE);
		String base = "default";
		if (instance != null) {
			set.addAll(setIn(prefix + ".instances." + TargetResilienceConfiguration.INSTANCE, instance, owned));
			if (baseConfig.apply(instance) != null) {
				base = baseConfig.apply(instance);
			}
		}
		T inherited = configs.get(base);
		if (inherited != null) {
			set.addAll(setIn(prefix + ".configs." + base, inherited, owned));
		}
		if (!set.isEmpty()) {
			throw new StartupRefusal(
					String.join(", ", set) + ((set.size() > 1) ? " are" : " is")
							+ " set, but the bridge sets the target instance's value itself from " + instead
							+ ": what is set there would be overwritten without a word.",
					"Remove " + String.join(", ", set) + " and use " + instead + " instead.");
		}
	}

	private static <T> List<String> setIn(String path, T properties, Map<String, Function<T, Object>> owned) {
		List<String> set = new ArrayList<>();
		owned.forEach((name, value) -> {
			if (value.apply(properties) != null) {
				set.add(path + "." + name);
			}
		});
		return set;
	}

}
