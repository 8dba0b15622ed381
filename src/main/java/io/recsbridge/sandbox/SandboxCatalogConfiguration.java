package io.recsbridge.sandbox;

import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Function;

import io.recsbridge.catalog.CatalogEndpoint;
import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.Transport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;

/**
 * Points the bridge's catalog client at the Get Entity emulator this application serves,
 * so the default run completes cart lines AJO sent as bare ids, as a real Target would.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnTransport(Transport.SANDBOX)
class SandboxCatalogConfiguration {

	@Bean
	CatalogEndpoint sandboxCatalogEndpoint(Environment environment) {
		return new CatalogEndpoint() {

			@Override
			public URI baseUrl() {
				return EmulatorUrls.at(environment, SandboxCatalogController.BASE_PATH);
			}

			@Override
			public String tenantId() {
				return SandboxCatalogController.TENANT;
			}

			@Override
			public <T> T authenticated(Function<Consumer<HttpHeaders>, T> call) {
				return call.apply((headers) -> {
					headers.setBearerAuth(SandboxCatalogController.DEMO_TOKEN);
					headers.set("x-api-key", SandboxCatalogController.DEMO_CLIENT_ID);
				});
			}

		};
	}

}
