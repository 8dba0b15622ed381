package io.recsbridge.recommendation;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

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
 * @param maxRunning request threads running at once, at most
 * ({@code BRIDGE_MAX_RUNNING}); the next waits its turn in arrival order, and a request
 * waiting on Adobe or on an authenticated caller's body does not count
 * ({@code system/RequestSlots}). Enough to keep the cores busy while a few wait briefly
 * (on Redis, a lock), few enough that a wake-up (Target's answer read) never queues
 * behind many requests: 8 measured best of 4, 8, 16 and 64 on 2 cores (BENCHMARKS.md)
 * @param maxQueueWait how long a request may wait for its turn; past it a 429
 * {@code overloaded} at once ({@code BRIDGE_MAX_QUEUE_WAIT}), since what is left of the
 * deadline would no longer hold Target's usual answer time. Never more than the deadline
 * less the answer reserve
 */
@Validated
@ConfigurationProperties("bridge")
record AdmissionProperties(@DefaultValue("400") @Min(1) int maxInFlight, @DefaultValue("8") @Min(1) int maxRunning,
		@DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration maxQueueWait) {
}
