package io.recsbridge.target;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Target through the Experience Platform Edge Network Server API
 * ({@code TARGET_TRANSPORT=edge}). Environment variables {@code EDGE_*} bind here.
 *
 * @param datastreamId the datastream, with Adobe Target enabled on it
 * ({@code EDGE_DATASTREAM_ID})
 * @param baseUrl the Edge Network ({@code EDGE_BASE_URL})
 * @param sandboxName the AEP sandbox, sent as {@code x-sandbox-name} when set
 * ({@code AEP_SANDBOX_NAME})
 * @param eventType the XDM event type of each request
 * @param thirdPartyIdNamespace the identity namespace the datastream's Target settings
 * name as "Target Third Party ID Namespace" (such as {@code CRMID}): the request's
 * {@code thirdPartyId} goes into {@code xdm.identityMap} under it, authenticated, which
 * is where a Web SDK datastream reads the id Target merges profiles by; unset, no
 * third-party id is sent ({@code EDGE_THIRD_PARTY_ID_NAMESPACE})
 */
@Validated
@ConfigurationProperties("edge")
public record EdgeProperties(String datastreamId, @DefaultValue("https://server.adobedc.net") @NotNull URI baseUrl,
		String sandboxName, @DefaultValue("decisioning.propositionFetch") @NotBlank String eventType,
		@Pattern(regexp = "(?i)(?!ECID$)[A-Za-z0-9_.-]{1,64}",
				message = "must be an identity namespace code other than ECID") String thirdPartyIdNamespace)
		implements
			EdgeEndpoint {

	public EdgeProperties {
		thirdPartyIdNamespace = (thirdPartyIdNamespace == null || thirdPartyIdNamespace.isBlank()) ? null
				: thirdPartyIdNamespace.strip();
	}

}
