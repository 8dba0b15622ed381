package io.recsbridge.ims;

import java.time.Instant;

/**
 * An IMS access token and when to stop and start using it. {@link #toString()} never
 * shows the token.
 *
 * @param value the bearer token
 * @param refreshAt from this instant one caller fetches the next token while others keep
 * using this one
 * @param expiresAt from this instant the token is no longer used
 */
public record AccessToken(String value, Instant refreshAt, Instant expiresAt) {

	/**
	 * The {@code Authorization} header value.
	 * @return {@code Bearer <token>}
	 */
	public String bearer() {
		return "Bearer " + this.value;
	}

	@Override
	public String toString() {
		return "AccessToken[value=(redacted), refreshAt=" + this.refreshAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
