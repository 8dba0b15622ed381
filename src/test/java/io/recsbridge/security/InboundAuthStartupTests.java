package io.recsbridge.security;

import java.util.List;
import java.util.Map;

import java.util.function.Consumer;

import io.recsbridge.support.BoundProperties;
import io.recsbridge.system.ProblemResponses;
import io.recsbridge.system.StartupRefusal;
import io.recsbridge.target.Transport;
import io.recsbridge.target.TransportChoice;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Fails closed: against a real Target the service does not start without inbound
 * authentication, unless the operator says {@code BRIDGE_AUTH=none}. Start-up is judged
 * on the security configuration alone, not the whole application (whose report of a
 * refusal {@code StartupRefusalReportTests} reads).
 */
class InboundAuthStartupTests {

	private static final String[] REAL_TARGET = { "target.client-code=acme", "target.base-url=http://127.0.0.1:9" };

	private final WebApplicationContextRunner context = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class,
				SecurityAutoConfiguration.class))
		.withUserConfiguration(Slice.class, ProblemResponses.class, InboundAuthConfiguration.class);

	@Test
	void aRealTargetWithoutApiKeysRefusesToStartAndSaysWhatToSet() {
		this.context.withPropertyValues(REAL_TARGET).run((context) -> assertRefusal(context, (refusal) -> {
			assertThat(refusal.description()).contains("no inbound authentication is configured");
			assertThat(refusal.action()).contains("BRIDGE_API_KEYS", "BRIDGE_AUTH=none");
		}));
	}

	@Test
	void aRealTargetStartsWithoutAuthenticationOnlyWhenToldSoExplicitly() {
		this.context.withPropertyValues(REAL_TARGET)
			.withPropertyValues("bridge.auth=none")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("apiSecurity"));
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
		this.context.withPropertyValues(REAL_TARGET)
			.withPropertyValues("bridge.jwt-issuer-uri=https://idp.example.com/")
			.run((context) -> assertRefusal(context,
					(refusal) -> assertThat(refusal.getMessage()).contains("BRIDGE_JWT_AUDIENCE")));
	}

	@Test
	void aRealTargetWithOnlyAnIssuerStartsWithoutReachingIt() {
		this.context.withPropertyValues(REAL_TARGET)
			.withPropertyValues("bridge.jwt-issuer-uri=http://127.0.0.1:9/issuer", "bridge.jwt-audience=recs-bridge")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("apiSecurity"));
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

	private static void assertRefusal(AssertableWebApplicationContext context, Consumer<StartupRefusal> refusal) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause().isInstanceOfSatisfying(StartupRefusal.class, refusal);
	}

	/**
	 * The beans the security chains need: Spring Security's own configuration, the
	 * properties bound as in the application, and the transport chosen by the same rule.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ InboundAuthProperties.class, ServerProperties.class })
	static class Slice {

		@Bean
		TransportChoice transportChoice(Environment environment) {
			return TransportChoice.of(Binder.get(environment));
		}

	}

}
