package io.recsbridge.recommendation;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many requests the bridge answers at once before it turns the next away.
 *
 * @param maxInFlight API requests being answered at once, at most; past it a 429
 * {@code overloaded} at the door ({@code BRIDGE_MAX_IN_FLIGHT}). Sized from the measured
 * capacity of one replica (BENCHMARKS.md): enough for the Target bulkhead's calls and the
 * cache hits beside them, few enough that the CPU does not saturate and delay everyone
 */
@Validated
@ConfigurationProperties("bridge")
record AdmissionProperties(@DefaultValue("400") @Min(1) int maxInFlight) {
}
