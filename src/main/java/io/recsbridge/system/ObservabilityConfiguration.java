package io.recsbridge.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

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

	/**
	 * The probe of how late threads run, exported as
	 * {@code recs_bridge_scheduling_lag_seconds}: above a few milliseconds the CPU is
	 * saturated.
	 */
	@Bean
	SchedulingLag schedulingLag(Environment environment, MeterRegistry registry) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("scheduling-lag-");
		executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		executor.setDaemon(true);
		SchedulingLag lag = new SchedulingLag(executor);
		Gauge.builder("recs.bridge.scheduling.lag", lag, SchedulingLag::recentSeconds)
			.description("Recent peak of how late the bridge's threads ran; above a few ms the CPU is saturated")
			.baseUnit("seconds")
			.register(registry);
		return lag;
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
