package io.recsbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stands in for a visitor identifier (an ECID) in log lines: the first 12 hex characters
 * of its HMAC-SHA256 under {@code BRIDGE_LOG_PSEUDONYM_KEY}. The same visitor gets the
 * same pseudonym across lines and, with a shared key, across replicas, so its requests
 * can be followed; without the key the pseudonym leads nowhere. Unset, the key is random
 * for each start.
 */
public final class Pseudonyms {

	private static final String ALGORITHM = "HmacSHA256";

	private static final int LENGTH = 12;

	private static volatile SecretKeySpec key = randomKey();

	/** Keyed with {@link #key}, never used itself: cloned for each pseudonym. */
	private static volatile Mac keyed = keyed(key);

	private Pseudonyms() {
	}

	/**
	 * The pseudonym to log instead of an identifier.
	 * @param identifier an ECID or another visitor identifier, may be {@code null}
	 * @return 12 lowercase hex characters, or {@code "-"} when there is no identifier
	 */
	public static String of(String identifier) {
		if (identifier == null || identifier.isEmpty()) {
			return "-";
		}
		Mac mac;
		try {
			// A clone of the keyed MAC: looking the algorithm up and keying it again on
			// every access line showed in the profile.
			mac = (Mac) keyed.clone();
		}
		catch (CloneNotSupportedException ex) {
			mac = keyed(key);
		}
		byte[] hash = mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(hash, 0, LENGTH / 2);
	}

	private static Mac keyed(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has " + ALGORITHM, ex);
		}
	}

	/**
	 * Uses the configured key, or a random one when it is blank.
	 * @param secret {@code BRIDGE_LOG_PSEUDONYM_KEY}
	 */
	static void useKey(String secret) {
		SecretKeySpec chosen = (secret == null || secret.isBlank()) ? randomKey()
				: new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		key = chosen;
		keyed = keyed(chosen);
	}

	private static SecretKeySpec randomKey() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return new SecretKeySpec(bytes, ALGORITHM);
	}

}
