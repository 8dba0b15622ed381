package io.recsbridge.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Request ids on the API port (the management port is left alone: probes and scrapes are
 * not requests anyone correlates), and the upstreams' health.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.addUrlPatterns("/*");
		// Before authentication (HIGHEST_PRECEDENCE + 10), so a 401 has an id as well.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Shown as {@code target} in {@code /actuator/health}. */
	@Bean
	UpstreamHealthIndicator targetHealthIndicator() {
		return new UpstreamHealthIndicator(UpstreamHealthIndicator.TARGET_PATHS);
	}

	/**
	 * Shown as {@code ims} where IMS credentials are configured: the Edge transport and
	 * identity resolution fetch their tokens there.
	 */
	@Bean
	@ConditionalOnProperty("adobe.ims.client-id")
	UpstreamHealthIndicator imsHealthIndicator() {
		return new UpstreamHealthIndicator(UpstreamHealthIndicator.IMS_PATHS);
	}

}
