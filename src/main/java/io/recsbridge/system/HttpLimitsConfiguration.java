package io.recsbridge.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Applies {@link HttpLimitsProperties} to the API, after authentication so that
 * strangers' bodies are never read.
 */
@Configuration(proxyBeanMethods = false)
class HttpLimitsConfiguration {

	/** Runs right after the API key filter. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

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
