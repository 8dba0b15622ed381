package io.recsbridge.sandbox;

import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.Transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.identity.IdentityResolver;
import io.recsbridge.target.TargetEndpoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * The built-in Target emulator, present only when {@code target.transport} is
 * {@code sandbox}: the default when no Target client code is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnTransport(Transport.SANDBOX)
class SandboxConfiguration {

	/** Enough for any demo; anyone who reaches the sandbox can invent visitors. */
	static final int MAX_VISITORS = 10_000;

	static final int MAX_VIEWS = 20;

	static final String CATALOG = "sandbox/catalog.json";

	@Bean
	Catalog sandboxCatalog(ObjectMapper objectMapper) {
		return Catalog.load(objectMapper, new ClassPathResource(CATALOG));
	}

	@Bean
	VisitorProfiles sandboxVisitorProfiles() {
		VisitorProfiles profiles = new VisitorProfiles(MAX_VISITORS, MAX_VIEWS);
		DemoVisitors.seed(profiles);
		return profiles;
	}

	@Bean
	DeliveryEmulator sandboxDeliveryEmulator(Catalog catalog, VisitorProfiles profiles, ObjectMapper objectMapper) {
		return new DeliveryEmulator(catalog, profiles, new DesignRenderer(objectMapper));
	}

	/**
	 * Wins over the configured endpoint, which the Target client falls back to when no
	 * endpoint bean exists.
	 */
	@Bean
	@Primary
	TargetEndpoint sandboxTargetEndpoint(Environment environment) {
		return new SandboxEndpoint(environment);
	}

	/**
	 * Wins over the AEP Identity Service when both are configured: the sandbox's Target
	 * knows only its demo ECIDs.
	 */
	@Bean
	@Primary
	IdentityResolver sandboxIdentityResolver() {
		return new SandboxIdentityResolver();
	}

	@Bean
	SandboxBanner sandboxBanner(Environment environment, Catalog catalog, SandboxProperties properties) {
		return new SandboxBanner(environment, catalog.size(), properties.transport());
	}

}
