package io.recsbridge.recommendation;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The preview endpoint, {@code POST /v1/recommendations/{useCase}/preview}: a real Target
 * call per ECID, which enters the visitor into the activity as a send does.
 *
 * @param rateLimit previews a minute each authenticated caller may make, all of them at
 * once as a burst; apart from, and never spending, the API's own per-caller limit
 * ({@code BRIDGE_PREVIEW_RATE_LIMIT})
 */
@Validated
@ConfigurationProperties("bridge.preview")
public record PreviewProperties(@DefaultValue("20") @Positive int rateLimit) {
}
