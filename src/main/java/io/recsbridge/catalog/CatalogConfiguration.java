package io.recsbridge.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;
import io.recsbridge.shared.PayloadVersion;
import io.recsbridge.shared.SharedCaches;
import io.recsbridge.shared.SharedTier;
import io.recsbridge.system.StartupRefusal;
import io.recsbridge.target.TargetProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.client.RestClient;

/**
 * The catalog: Target's through Get Entity when {@code TARGET_TENANT_ID} is set (with the
 * IMS credential, which start-up asks for when missing), the sandbox's when it runs, else
 * none.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	Catalog catalog(ObjectProvider<CatalogEndpoint> endpoints, CatalogProperties properties,
			CatalogLookupProperties lookups, TargetProperties target, ImsProperties credential,
			ObjectProvider<ImsTokens> tokens, RestClient.Builder builder, MeterRegistry registry,
			ObjectProvider<SharedCaches> shared, Environment environment) {
		CatalogEndpoint endpoint = endpoints.getIfAvailable();
		if (endpoint == null) {
			if (properties.tenantId() == null || properties.tenantId().isBlank()) {
				return Catalog.none();
			}
			if (!credential.missing().isEmpty()) {
				throw new StartupRefusal(
						"TARGET_TENANT_ID is set, so cart lines are completed from Target's catalog (the "
								+ "Recommendations API's Get Entity), which needs an IMS credential with the Target "
								+ "Admin API.",
						"Set " + String.join(", ", credential.missing()) + ", or unset TARGET_TENANT_ID.");
			}
			endpoint = new AdobeCatalogEndpoint(properties, credential, tokens.getObject());
		}
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("catalog-");
		executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		GetEntityClient client = new GetEntityClient(AdobeApis.restClient(builder, lookups.timeout()), endpoint,
				target.environmentId(), registry);
		SharedTier<KnownEntity> tier = SharedCaches.tier(shared, "catalog", EntityCache.NAME, KnownEntity.class,
				PayloadVersion.of(KnownEntity.class, 1));
		return new Catalog(new EntityCache(lookups, registry, tier, executor), client);
	}

}
