package io.recsbridge.target;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

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
 */
@Validated
@ConfigurationProperties("edge")
public record EdgeProperties(String datastreamId, @DefaultValue("https://server.adobedc.net") @NotNull URI baseUrl,
		String sandboxName, @DefaultValue("decisioning.propositionFetch") @NotBlank String eventType) {
}
