package io.recsbridge.system;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what one API request may carry.
 *
 * @param maxBodySize the largest request body accepted
 * ({@code BRIDGE_HTTP_MAX_BODY_SIZE})
 */
@Validated
@ConfigurationProperties("bridge.http")
record HttpLimitsProperties(@DefaultValue("16KB") @NotNull DataSize maxBodySize) {
}
