package io.recsbridge.system;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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

	/**
	 * Tomcat's own refusals (headers over {@code server.max-http-request-header-size},
	 * unparseable requests) as problems. Runs after Boot's customizer, which adds a plain
	 * error report valve of its own.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return new WebServerFactoryCustomizer<>() {

			@Override
			public void customize(TomcatServletWebServerFactory factory) {
				factory.addContextCustomizers((context) -> ProblemErrorReportValve.install(context.getParent()));
			}

		};
	}

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
