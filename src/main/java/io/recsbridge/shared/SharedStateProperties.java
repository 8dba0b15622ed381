package io.recsbridge.shared;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Shared mode (a Redis connection configured). Environment variables
 * {@code BRIDGE_SHARED_*} bind here.
 *
 * @param maxReplicas the most replicas that may run at once (the HPA's
 * {@code maxReplicas}); while Redis is unavailable each replica sends Target at most
 * {@code TARGET_RATE_LIMIT / maxReplicas} calls a second (and ramps by as much of the
 * step), so the fleet stays within the budget without Redis
 * ({@code BRIDGE_SHARED_MAX_REPLICAS})
 */
@Validated
@ConfigurationProperties("bridge.shared")
public record SharedStateProperties(@DefaultValue("1") @Positive int maxReplicas) {

}
