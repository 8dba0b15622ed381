package io.recsbridge.security;

import java.util.List;
import java.util.Map;

import io.recsbridge.RecsBridgeApplication;
import io.recsbridge.support.BoundProperties;
import io.recsbridge.target.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.Ssl;
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

	@Test
	void anyConfiguredModeCountsAgainstARealTarget() {
		assertThat(InboundAuthConfiguration
			.modes(properties(Map.of("basic-username", "ajo", "basic-password", "pw")), Transport.DELIVERY, false)
			.basicUsers()).containsExactly("ajo:pw");
		assertThat(InboundAuthConfiguration.modes(properties(Map.of("basic-users", "a:1,b:2:3")), Transport.EDGE, false)
			.basicUsers()).containsExactly("a:1", "b:2:3");
		assertThat(InboundAuthConfiguration
			.modes(properties(Map.of("jwt-jwk-set-uri", "https://idp.example.com/keys")), Transport.DELIVERY, false)
			.jwt()).isTrue();
		assertThat(InboundAuthConfiguration
			.modes(properties(Map.of("mtls-subjects", "AJO Test Client")), Transport.DELIVERY, true)
			.mtls()).isTrue();
	}

	@Test
	void mtlsWithoutNamesToAcceptRefusesToStart() {
		assertThatException().isThrownBy(() -> InboundAuthConfiguration.modes(keys(), Transport.DELIVERY, true))
			.withMessageContaining("BRIDGE_MTLS_SUBJECTS");
	}

	@Test
	void theSandboxDemoKeyIsNotAddedWhenAnotherModeIsConfigured() {
		assertThat(InboundAuthConfiguration
			.modes(properties(Map.of("jwt-issuer-uri", "https://idp.example.com/")), Transport.SANDBOX, false)
			.apiKeys()).isEmpty();
	}

	@Test
	void halfABasicUserRefusesToStart() {
		assertThatException()
			.isThrownBy(() -> InboundAuthConfiguration.modes(properties(Map.of("basic-username", "ajo")),
					Transport.DELIVERY, false))
			.withMessageContaining("BRIDGE_BASIC_PASSWORD");
		assertThatException()
			.isThrownBy(() -> InboundAuthConfiguration.modes(properties(Map.of("basic-users", "ajo")),
					Transport.DELIVERY, false))
			.withMessageContaining("BRIDGE_BASIC_USERS");
	}

	@Test
	void jwtsWithoutAnAudienceRefuseToStartAndSayWhatToSet() {
		assertThatException()
			.isThrownBy(() -> run("--target.client-code=acme", "--target.base-url=http://127.0.0.1:9",
					"--bridge.jwt-issuer-uri=https://idp.example.com/"))
			.havingRootCause()
			.withMessageContaining("BRIDGE_JWT_AUDIENCE");
	}

	@Test
	void aRealTargetWithOnlyAnIssuerStartsWithoutReachingIt() {
		try (ConfigurableApplicationContext context = run("--target.client-code=acme",
				"--target.base-url=http://127.0.0.1:9", "--bridge.jwt-issuer-uri=http://127.0.0.1:9/issuer",
				"--bridge.jwt-audience=recs-bridge")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void mutualTlsCountsOnlyWhenTheClientCertificateIsRequired() {
		Ssl need = new Ssl();
		need.setBundle("bridge");
		need.setClientAuth(Ssl.ClientAuth.NEED);
		Ssl want = new Ssl();
		want.setBundle("bridge");
		want.setClientAuth(Ssl.ClientAuth.WANT);

		assertThat(InboundAuthConfiguration.mtls(need)).isTrue();
		assertThat(InboundAuthConfiguration.mtls(want)).isFalse();
		assertThat(InboundAuthConfiguration.mtls(null)).isFalse();
	}

	static InboundAuthProperties properties(Map<String, String> values) {
		return BoundProperties.bind("bridge", InboundAuthProperties.class, values);
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
