package io.recsbridge.system;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.RequestContextFilter;

/**
 * As few servlet filters as the API needs. Tomcat builds each request's filter chain by
 * looking every filter up under one lock shared by all requests
 * ({@code StandardContext.findFilterConfig}); a virtual thread that finds it taken is
 * unmounted and queued behind every request waiting to start, so under overload each
 * filter is another chance to wait a whole queue's length (thread dumps at 2,000
 * connections: 130-195 requests blocked there at once, BENCHMARKS.md). The filters left:
 * request ids, Boot's HTTP observation ({@code http_server_requests}), Spring Security
 * and the body limit. Gone: Tomcat's WebSocket filter (the dependency is excluded), the
 * character-encoding filter ({@code server.servlet.encoding.enabled: false}) and this
 * one.
 */
@Configuration(proxyBeanMethods = false)
class ServletFilters {

	/**
	 * UTF-8 for every request, as Boot's character-encoding filter forced it.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> utf8Requests() {
		return (factory) -> factory.addContextValves(new Utf8RequestValve());
	}

	/**
	 * Boot's {@link RequestContextFilter} exposes the request to code running before the
	 * DispatcherServlet, which sets the same request context itself; nothing here needs
	 * it earlier. A registration of that filter type stands in for Boot's filter (which
	 * then backs off) and registers nothing.
	 */
	@Bean
	FilterRegistrationBean<RequestContextFilter> requestContextFilterNotRegistered() {
		FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(
				new RequestContextFilter());
		registration.setEnabled(false);
		return registration;
	}

}
