package io.recsbridge.identity;

import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;
import io.recsbridge.system.StartupRefusal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * Identity resolution through the AEP Identity Service, on when
 * {@code AEP_IDENTITY_BASE_URL} is set. It needs the IMS credential, and says so at
 * start-up when one is missing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "aep.identity", name = "base-url")
class AepIdentityConfiguration {

	@Bean
	IdentityResolver aepIdentityResolver(RestClient.Builder builder, AepIdentityProperties properties,
			ImsProperties credential, ImsTokens tokens) {
		if (!credential.missing().isEmpty()) {
			throw new StartupRefusal(
					"AEP_IDENTITY_BASE_URL is set, so identities are resolved through the AEP Identity Service, "
							+ "which needs an IMS credential (OAuth server-to-server).",
					"Set " + String.join(", ", credential.missing()) + ", or unset AEP_IDENTITY_BASE_URL.");
		}
		return new AepIdentityResolver(AdobeApis.restClient(builder, properties.identity().timeout()), properties,
				tokens, credential);
	}

}
