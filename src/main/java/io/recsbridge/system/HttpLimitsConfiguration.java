package io.recsbridge.system;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applies {@link HttpLimitsProperties} to the API, after authentication so that
 * strangers' bodies are never read.
 */
@Configuration(proxyBeanMethods = false)
class HttpLimitsConfiguration {

	/**
	 * Runs right after Spring Security's filter chain, so only authenticated callers'
	 * bodies are read, and inside its response headers.
	 */
	static final int ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HttpLimitsProperties limits,
			ProblemResponses problems) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(Math.toIntExact(limits.maxBodySize().toBytes()), problems));
		registration.addUrlPatterns("/v1/*");
		registration.setOrder(ORDER);
		return registration;
	}

}
