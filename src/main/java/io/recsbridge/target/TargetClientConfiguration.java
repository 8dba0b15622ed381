package io.recsbridge.target;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;
import io.recsbridge.system.OutboundHttp;
import io.recsbridge.system.StartupRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Target client of the transport in force (the Delivery API for {@code delivery} and
 * {@code sandbox}, the Edge Network for {@code edge}), over {@link OutboundHttp}'s pooled
 * client with the {@link AttemptTimeout} in force.
 */
@Configuration(proxyBeanMethods = false)
class TargetClientConfiguration {

	/** About 100 bytes each: at most some 10 MB of hints. */
	static final long MAX_LOCATION_HINTS = 100_000;

	private static final Logger logger = LoggerFactory.getLogger(TargetClientConfiguration.class);

	/**
	 * The transport in force, said once at start-up with the settings that chose it: an
	 * operator who meant Edge and got Delivery (or the sandbox) reads why in one line.
	 */
	@Bean
	TransportChoice transportChoice(Environment environment) {
		TransportChoice choice = TransportChoice.of(Binder.get(environment));
		String road = "";
		if (choice.transport() == Transport.SANDBOX) {
			road = "edge".equalsIgnoreCase(environment.getProperty("sandbox.transport", "delivery"))
					? " (the edge transport against the built-in Edge Network and IMS emulators, SANDBOX_TRANSPORT=edge)"
					: " (the delivery transport against the built-in Delivery API emulator)";
		}
		logger.info("Target transport: {}{}, because {}", choice.name(), road, choice.reason());
		return choice;
	}

	/**
	 * The Target client of the transport in force. The sandbox normally emulates the
	 * Delivery API; with {@code SANDBOX_TRANSPORT=edge} it provides an
	 * {@link EdgeConnection} to its Edge Network and IMS emulators, and the real Edge
	 * transport runs against them.
	 */
	@Bean
	TargetClient targetClient(RestClient.Builder builder, TargetProperties properties, TransportChoice choice,
			ObjectProvider<TargetEndpoint> endpoints, ObjectProvider<EdgeConnection> emulatedEdge,
			MeterRegistry meterRegistry, EdgeProperties edge, ImsProperties credential,
			ObjectProvider<ImsTokens> tokens, BulkheadRegistry bulkheads, AttemptTimeout timeout) {
		// A keep-alive connection for every call the bulkhead lets through: a call never
		// waits for one.
		int maxConnections = bulkheads.bulkhead(TargetResilienceConfiguration.INSTANCE)
			.getBulkheadConfig()
			.getMaxConcurrentCalls();
		RestClient client = OutboundHttp.restClient(builder, timeout.effective(), maxConnections);
		if (choice.transport() == Transport.EDGE) {
			List<String> missing = new ArrayList<>();
			if (edge.datastreamId() == null || edge.datastreamId().isBlank()) {
				missing.add("EDGE_DATASTREAM_ID");
			}
			missing.addAll(credential.missing());
			if (!missing.isEmpty()) {
				throw new StartupRefusal(
						"The edge transport (" + choice.reason() + ") is missing " + String.join(", ", missing) + ".",
						"Set " + String.join(", ", missing) + ": the datastream with only Target enabled, and the "
								+ "OAuth server-to-server credential of the Developer Console project.");
			}
			return new EdgeTransport(client, edge, new EdgeConnection(edge, credential, tokens.getObject()),
					meterRegistry, Clock.systemUTC());
		}
		EdgeConnection emulated = (choice.transport() == Transport.SANDBOX) ? emulatedEdge.getIfAvailable() : null;
		if (emulated != null) {
			return new EdgeTransport(client, edge, emulated, meterRegistry, Clock.systemUTC());
		}
		TargetEndpoint endpoint = endpoints.getIfAvailable(() -> new ConfiguredEndpoint(properties));
		return new DeliveryTransport(client, endpoint, properties, credential.orgId(), meterRegistry,
				new LocationHints(MAX_LOCATION_HINTS), Clock.systemUTC());
	}

	/**
	 * The endpoint of a real Target: the configured base URL or Adobe's host for the
	 * client code.
	 */
	record ConfiguredEndpoint(URI baseUrl, String clientCode, boolean routable) implements TargetEndpoint {

		ConfiguredEndpoint(TargetProperties properties) {
			this(properties.resolvedBaseUrl(), properties.clientCode(), properties.baseUrl() == null);
		}

		@Override
		public URI baseUrlFor(String locationHint) {
			if (!this.routable || locationHint == null) {
				return this.baseUrl;
			}
			return UriComponentsBuilder.newInstance()
				.scheme("https")
				.host("mboxedge{hint}.tt.omtrdc.net")
				.buildAndExpand(locationHint)
				.toUri();
		}

	}

}
