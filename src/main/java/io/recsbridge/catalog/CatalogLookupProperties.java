package io.recsbridge.catalog;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How lookups behave. Bound under {@code bridge.catalog}.
 *
 * @param ttl how long an entity (or its absence) is kept ({@code BRIDGE_CATALOG_TTL})
 * @param maxEntries bound on the entities kept
 * @param timeout one Get Entity call's connect and read timeout; a request never waits
 * for it past its deadline, but a slow answer still fills the cache for the next one
 */
@Validated
@ConfigurationProperties("bridge.catalog")
public record CatalogLookupProperties(@DefaultValue("1h") @NotNull Duration ttl,
		@DefaultValue("20000") @Positive long maxEntries,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration timeout) {
}
