package io.recsbridge.target;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place the timeout of a Target attempt is decided, from {@code TARGET_TIMEOUT},
 * the rate limiter's longest wait and the request's deadline; the HTTP client and
 * {@link GuardedTarget} both take it from here.
 */
@Configuration(proxyBeanMethods = false)
class AttemptTimeoutConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AttemptTimeoutConfiguration.class);

	@Bean
	AttemptTimeout targetAttemptTimeout(TargetProperties properties, TargetPermits permits, RequestBudget budget) {
		AttemptTimeout timeout = AttemptTimeout.fit(properties.timeout(), permits.maxWait(), budget);
		if (timeout.cut()) {
			logger.info(
					"Target attempt timeout: {} ms, not TARGET_TIMEOUT's {} ms, so that one attempt fits in "
							+ "BRIDGE_DEADLINE ({} ms) after the longest wait for a rate-limit permit ({} ms) "
							+ "and the answer reserve ({} ms)",
					timeout.effective().toMillis(), timeout.configured().toMillis(), budget.deadline().toMillis(),
					permits.maxWait().toMillis(), budget.answerReserve().toMillis());
		}
		return timeout;
	}

}
