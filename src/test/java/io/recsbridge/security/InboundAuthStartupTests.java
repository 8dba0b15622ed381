package io.recsbridge.security;

import java.util.List;

import io.recsbridge.RecsBridgeApplication;
import io.recsbridge.target.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Fails closed: against a real Target the service does not start without inbound
 * authentication, unless the operator says {@code BRIDGE_AUTH=none}.
 */
class InboundAuthStartupTests {

	@Test
	void aRealTargetWithoutApiKeysRefusesToStartAndSaysWhatToSet() {
		assertThatException().isThrownBy(() -> run("--target.client-code=acme", "--target.base-url=http://127.0.0.1:9"))
			.havingRootCause()
			.withMessageContaining("BRIDGE_API_KEYS")
			.withMessageContaining("BRIDGE_AUTH=none");
	}

	@Test
	void aRealTargetStartsWithoutAuthenticationOnlyWhenToldSoExplicitly() {
		try (ConfigurableApplicationContext context = run("--target.client-code=acme",
				"--target.base-url=http://127.0.0.1:9", "--bridge.auth=none")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void keysAreTrimmedAndBlankOnesIgnored() {
		InboundAuthProperties properties = keys(" k1 ", "", "k2");

		assertThat(InboundAuthConfiguration.acceptedKeys(properties, Transport.DELIVERY)).containsExactly("k1", "k2");
	}

	@Test
	void theSandboxDemoKeyIsOnlyForTheSandbox() {
		InboundAuthProperties none = keys();
		InboundAuthProperties own = keys("mine");

		assertThat(InboundAuthConfiguration.acceptedKeys(none, Transport.SANDBOX))
			.containsExactly(InboundAuthConfiguration.SANDBOX_DEMO_KEY);
		assertThat(InboundAuthConfiguration.acceptedKeys(own, Transport.SANDBOX)).containsExactly("mine");
	}

	static InboundAuthProperties keys(String... keys) {
		return new InboundAuthProperties(List.of(keys), "X-Api-Key", null, null, null, null, List.of(), null, null,
				List.of(), null, List.of(), 0);
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(RecsBridgeApplication.class)
			.run(concat(args, "--server.port=0", "--management.server.port=0"));
	}

	private static String[] concat(String[] args, String... more) {
		String[] all = new String[args.length + more.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(more, 0, all, args.length, more.length);
		return all;
	}

}
