package io.recsbridge.target;

import java.util.Map;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.support.BoundProperties;
import io.recsbridge.system.StartupRefusal;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code TARGET_TRANSPORT=edge} without its datastream or credential refuses to start,
 * naming what to set.
 */
class EdgeStartupTests {

	@Test
	void edgeWithoutDatastreamOrCredentialNamesWhatToSet() {
		TargetProperties target = BoundProperties.bind("target", TargetProperties.class, Map.of("transport", "edge"));
		EdgeProperties edge = BoundProperties.bind("edge", EdgeProperties.class, Map.of());
		ImsProperties ims = BoundProperties.bind("adobe.ims", ImsProperties.class, Map.of("client-id", "c"));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();

		assertThatExceptionOfType(StartupRefusal.class)
			.isThrownBy(() -> new TargetClientConfiguration().targetClient(RestClient.builder(), target,
					TransportChoice.of(target.configuredTransport(), null, null),
					beans.getBeanProvider(TargetEndpoint.class), beans.getBeanProvider(EdgeConnection.class),
					new SimpleMeterRegistry(), edge, ims, beans.getBeanProvider(io.recsbridge.ims.ImsTokens.class),
					BulkheadRegistry.ofDefaults(), new AttemptTimeout(target.timeout(), target.timeout())))
			.withMessageContaining("Set EDGE_DATASTREAM_ID, ADOBE_IMS_CLIENT_SECRET, ADOBE_IMS_ORG_ID");
	}

}
