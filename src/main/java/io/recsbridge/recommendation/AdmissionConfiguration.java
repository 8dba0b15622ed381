package io.recsbridge.recommendation;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.recsbridge.system.RequestSlots;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link AdmissionValve} at the door of the API: a request waits no longer than its
 * budget, and no more than {@code BRIDGE_MAX_IN_FLIGHT} are answered at once.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

	@Bean
	AdmissionValve admissionValve(AdmissionProperties admission, BridgeProperties bridge, ObjectMapper objectMapper,
			RecommendationMetrics metrics, MeterRegistry registry) throws JsonProcessingException {
		Map<String, byte[]> refusals = new HashMap<>();
		for (String useCase : bridge.useCases().keySet()) {
			refusals.put(useCase,
					objectMapper.writeValueAsBytes(Overload.problem(URI.create("/v1/recommendations/" + useCase))));
		}
		byte[] otherRefusal = objectMapper.writeValueAsBytes(Overload.problem(URI.create("/v1/recommendations")));
		// Past BRIDGE_MAX_QUEUE_WAIT the deadline's rest no longer holds Target's usual
		// answer; past deadline - reserve no answer can be written in time at all.
		long patienceNanos = Math.min(admission.maxQueueWait().toNanos(),
				bridge.deadline().minus(bridge.answerReserve()).toNanos());
		AdmissionValve valve = new AdmissionValve(admission.maxInFlight(), patienceNanos, Map.copyOf(refusals),
				otherRefusal, metrics);
		Gauge.builder("recs.bridge.requests.in.flight", valve, AdmissionValve::inFlight)
			.description("API requests being answered now; past BRIDGE_MAX_IN_FLIGHT the next is turned away")
			.register(registry);
		Gauge.builder("recs.bridge.requests.in.flight.max", admission, AdmissionProperties::maxInFlight)
			.description("BRIDGE_MAX_IN_FLIGHT: API requests answered at once, at most")
			.register(registry);
		return valve;
	}

	/**
	 * The valve, and a bound on request threads running at once in front of Tomcat's
	 * executor ({@link RequestSlots}). Connector customizers run after the protocol
	 * handler's, so the executor wrapped is the virtual-thread one Boot set; Tomcat's own
	 * pool (no virtual threads: a bounded pool with a queue already) is left alone.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> admissionAtTheDoor(AdmissionValve valve,
			AdmissionProperties admission, MeterRegistry registry) {
		return (factory) -> {
			factory.addContextValves(valve);
			factory.addConnectorCustomizers((connector) -> {
				if (connector.getProtocolHandler().getExecutor() instanceof ExecutorService executor
						&& !(executor instanceof RequestSlots)) {
					RequestSlots slots = new RequestSlots(executor, admission.maxRunning());
					connector.getProtocolHandler().setExecutor(slots);
					Gauge.builder("recs.bridge.requests.running", slots, RequestSlots::running)
						.description("Request threads running now; past BRIDGE_MAX_RUNNING the next waits its turn")
						.register(registry);
					Gauge.builder("recs.bridge.requests.queued", slots, RequestSlots::queued)
						.description("Requests handed over by Tomcat and waiting for a running slot")
						.register(registry);
				}
			});
		};
	}

}
