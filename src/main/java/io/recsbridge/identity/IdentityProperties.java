package io.recsbridge.identity;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How identities other than ECIDs become ECIDs.
 *
 * @param maxEcids the most ECIDs (devices) of one person asked of Target, in parallel
 * ({@code bridge.identity.max-ecids})
 * @param namespaces custom identity namespace codes resolved besides {@code Email},
 * {@code CRMID} and {@code Phone}
 * @param cacheTtl how long a person's ECIDs are remembered
 * @param notFoundTtl how long an identity with no ECID is remembered as such
 * @param cacheMaxEntries bound on identities remembered, found or not
 */
@Validated
@ConfigurationProperties("bridge.identity")
public record IdentityProperties(@DefaultValue("3") @Min(1) @Max(10) int maxEcids,
		@DefaultValue List<String> namespaces, @DefaultValue("1h") @NotNull Duration cacheTtl,
		@DefaultValue("10m") @NotNull Duration notFoundTtl,
		@DefaultValue("50000") @PositiveOrZero long cacheMaxEntries) {

	/** Standard namespaces resolved through the Identity Service. */
	static final List<String> STANDARD_NAMESPACES = List.of("Email", "CRMID", "Phone");

	public IdentityProperties {
		namespaces = List.copyOf(namespaces);
	}

}
