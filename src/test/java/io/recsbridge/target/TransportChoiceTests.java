package io.recsbridge.target;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which transport runs for which settings: Edge is the default road once a datastream is
 * configured, since Adobe offers this integration to Web SDK implementations and routes
 * their server-side calls through the Edge Network.
 */
@ExtendWith(OutputCaptureExtension.class)
class TransportChoiceTests {

	@ParameterizedTest(name = "transport={0} client-code={1} datastream={2} -> {3}")
	@CsvSource(nullValues = "null", value = {
			"null, null, null, SANDBOX, 'none of TARGET_TRANSPORT, EDGE_DATASTREAM_ID, TARGET_CLIENT_CODE is set'",
			"null, acme, null, DELIVERY, 'TARGET_CLIENT_CODE is set, EDGE_DATASTREAM_ID and TARGET_TRANSPORT are not'",
			"null, null, ds-7f1c, EDGE, EDGE_DATASTREAM_ID is set and TARGET_TRANSPORT is not",
			"null, acme, ds-7f1c, EDGE, EDGE_DATASTREAM_ID is set and TARGET_TRANSPORT is not (TARGET_TRANSPORT=delivery would use TARGET_CLIENT_CODE instead)",
			"delivery, acme, ds-7f1c, DELIVERY, TARGET_TRANSPORT=delivery",
			"sandbox, acme, ds-7f1c, SANDBOX, TARGET_TRANSPORT=sandbox",
			"edge, null, null, EDGE, TARGET_TRANSPORT=edge",
			"null, '  ', '  ', SANDBOX, 'none of TARGET_TRANSPORT, EDGE_DATASTREAM_ID, TARGET_CLIENT_CODE is set'" })
	void theConfiguredTransportWinsThenADatastreamThenAClientCode(String transport, String clientCode,
			String datastreamId, Transport expected, String reason) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		put(source, "target.transport", transport);
		put(source, "target.client-code", clientCode);
		put(source, "edge.datastream-id", datastreamId);

		TransportChoice choice = TransportChoice.of(new Binder(source));

		assertThat(choice.transport()).isEqualTo(expected);
		assertThat(choice.reason()).isEqualTo(reason);
	}

	@ParameterizedTest
	@CsvSource({ "TARGET_TRANSPORT, edge, EDGE", "EDGE_DATASTREAM_ID, ds-7f1c, EDGE",
			"TARGET_CLIENT_CODE, acme, DELIVERY" })
	void environmentVariablesChooseAsTheirPropertiesDo(String variable, String value, Transport expected) {
		Binder binder = new Binder(ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource("env", Map.<String, Object>of(variable, value))));

		assertThat(TransportChoice.of(binder).transport()).isEqualTo(expected);
	}

	@Test
	void startUpSaysWhichTransportRunsAndWhyInOneLine(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty("edge.datastream-id", "ds-7f1c")
			.withProperty("target.client-code", "acme");

		new TargetClientConfiguration().transportChoice(environment);

		assertThat(output.getOut().lines().filter((line) -> line.contains("Target transport:")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.endsWith("Target transport: edge, because EDGE_DATASTREAM_ID is set and TARGET_TRANSPORT is not "
					+ "(TARGET_TRANSPORT=delivery would use TARGET_CLIENT_CODE instead)");
	}

	private static void put(MapConfigurationPropertySource source, String name, String value) {
		if (value != null) {
			source.put(name, value);
		}
	}

}
