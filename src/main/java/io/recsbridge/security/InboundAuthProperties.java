package io.recsbridge.security;

import java.util.ArrayList;
import java.util.List;

import io.recsbridge.system.StartupRefusal;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API, and how often.
 *
 * @param apiKeys accepted API keys; several at once so keys can be rotated
 * ({@code BRIDGE_API_KEYS}, comma-separated)
 * @param apiKeyHeader the header carrying the key ({@code BRIDGE_API_KEY_HEADER})
 * @param apiKeyQueryParam also accept the key in this query parameter, AJO's other
 * API-key option; unset accepts the header only ({@code BRIDGE_API_KEY_QUERY_PARAM})
 * @param auth {@code none} runs without inbound authentication outside the sandbox, said
 * in so many words ({@code BRIDGE_AUTH})
 * @param basicUsername the HTTP Basic user ({@code BRIDGE_BASIC_USERNAME})
 * @param basicPassword its password, plain or already encoded as {@code {bcrypt}...}
 * ({@code BRIDGE_BASIC_PASSWORD})
 * @param basicUsers more Basic users as {@code user:password} pairs, comma-separated
 * ({@code BRIDGE_BASIC_USERS})
 * @param jwtIssuerUri accept bearer JWTs from this issuer: its discovery document names
 * the keys, and {@code iss} must match ({@code BRIDGE_JWT_ISSUER_URI})
 * @param jwtJwkSetUri accept bearer JWTs signed by a key of this JWK set
 * ({@code BRIDGE_JWT_JWK_SET_URI})
 * @param jwtAudience the audiences a token must name one of in {@code aud}; required with
 * JWTs ({@code BRIDGE_JWT_AUDIENCE})
 * @param jwtScope a scope a token must carry in {@code scope} or {@code scp}; unset
 * requires none ({@code BRIDGE_JWT_SCOPE})
 * @param mtlsSubjects with mTLS, the names a client certificate must carry, as its
 * subject CN or a subject alternative name, besides a chain to the trust store's CA;
 * required with mTLS ({@code BRIDGE_MTLS_SUBJECTS})
 * @param clientRateLimit requests a second each authenticated caller may make, with as
 * much again as a burst; {@code 0} for no limit ({@code BRIDGE_CLIENT_RATE_LIMIT})
 */
@Validated
@ConfigurationProperties("bridge")
public record InboundAuthProperties(@DefaultValue List<String> apiKeys,
		@DefaultValue("X-Api-Key") @NotBlank String apiKeyHeader, String apiKeyQueryParam, String auth,
		String basicUsername, String basicPassword, @DefaultValue List<String> basicUsers, String jwtIssuerUri,
		String jwtJwkSetUri, @DefaultValue List<String> jwtAudience, String jwtScope,
		@DefaultValue List<String> mtlsSubjects, @DefaultValue("0") @PositiveOrZero double clientRateLimit) {

	boolean authenticationDisabled() {
		return "none".equalsIgnoreCase(this.auth);
	}

	List<String> configuredMtlsSubjects() {
		return nonBlank(this.mtlsSubjects);
	}

	List<String> configuredKeys() {
		return nonBlank(this.apiKeys);
	}

	/**
	 * Every Basic user as {@code user:password}, the single user first.
	 */
	List<String> configuredBasicUsers() {
		List<String> users = new ArrayList<>();
		if (hasText(this.basicUsername) || hasText(this.basicPassword)) {
			if (!hasText(this.basicUsername) || !hasText(this.basicPassword)) {
				throw new StartupRefusal("Only one of BRIDGE_BASIC_USERNAME and BRIDGE_BASIC_PASSWORD is set.",
						"Set both, or neither.");
			}
			users.add(this.basicUsername.strip() + ":" + this.basicPassword);
		}
		for (String user : nonBlank(this.basicUsers)) {
			int colon = user.indexOf(':');
			if (colon < 1 || colon == user.length() - 1) {
				throw new StartupRefusal("An entry of BRIDGE_BASIC_USERS is not a user:password pair.",
						"Set BRIDGE_BASIC_USERS to user:password pairs, comma-separated.");
			}
			users.add(user);
		}
		return users;
	}

	boolean jwtConfigured() {
		return hasText(this.jwtIssuerUri) || hasText(this.jwtJwkSetUri);
	}

	List<String> audiences() {
		return nonBlank(this.jwtAudience);
	}

	String requiredScope() {
		return hasText(this.jwtScope) ? this.jwtScope.strip() : null;
	}

	private static List<String> nonBlank(List<String> values) {
		return values.stream().map(String::strip).filter((value) -> !value.isEmpty()).toList();
	}

	static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
