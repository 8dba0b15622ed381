package io.recsbridge.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Adobe IMS's client-credentials grant for the emulated organization's one credential: an
 * opaque access token valid {@code 86399} seconds, no refresh token (IMS issues none to
 * server-to-server credentials), OAuth errors for anything else. Tokens are remembered so
 * the Edge emulator can tell a token it issued from a made-up one.
 */
final class ImsEmulator {

	static final long EXPIRES_IN_SECONDS = 86_399;

	/**
	 * Anyone who reaches the sandbox can ask for tokens: the oldest are forgotten first.
	 */
	static final int MAX_TOKENS = 10_000;

	private final SecureRandom random = new SecureRandom();

	private final Cache<String, String> issued = Caffeine.newBuilder()
		.maximumSize(MAX_TOKENS)
		.expireAfterWrite(Duration.ofSeconds(EXPIRES_IN_SECONDS))
		.build();

	ResponseEntity<Map<String, Object>> token(String grantType, String clientId, String clientSecret) {
		if (!"client_credentials".equals(grantType)) {
			return error("unsupported_grant_type", "grant_type must be client_credentials");
		}
		if (!EmulatedAdobeOrg.CLIENT_ID.equals(clientId)) {
			return error("invalid_client", "invalid client_id parameter");
		}
		if (!EmulatedAdobeOrg.CLIENT_SECRET.equals(clientSecret)) {
			return error("invalid_client", "invalid client_secret parameter");
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.issued.put(token, clientId);
		return ResponseEntity
			.ok(Map.of("access_token", token, "token_type", "bearer", "expires_in", EXPIRES_IN_SECONDS));
	}

	/**
	 * The client a live token was issued to.
	 * @param token the access token
	 * @return the client id, or {@code null} for a token this IMS did not issue or that
	 * has expired
	 */
	String clientOf(String token) {
		return (token != null) ? this.issued.getIfPresent(token) : null;
	}

	private static ResponseEntity<Map<String, Object>> error(String error, String description) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", error, "error_description", description));
	}

}
