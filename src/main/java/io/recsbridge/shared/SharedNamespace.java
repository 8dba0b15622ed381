package io.recsbridge.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.core.env.Environment;

/**
 * Every key of shared mode starts with {@code recs-bridge:<account>:}, the account being
 * the Target account the deployment calls: the Target client code, else the Edge
 * datastream, else {@code sandbox}. Two deployments for two accounts on one Redis keep
 * their budgets and answers apart; the replicas of one deployment share them.
 *
 * @param account the Target account's name in keys
 */
public record SharedNamespace(String account) {

	static SharedNamespace of(Environment environment) {
		String clientCode = environment.getProperty("target.client-code", "");
		if (!clientCode.isBlank()) {
			return new SharedNamespace(clientCode.strip());
		}
		String datastream = environment.getProperty("edge.datastream-id", "");
		return new SharedNamespace(datastream.isBlank() ? "sandbox" : "edge-" + datastream.strip());
	}

	/**
	 * A key in this namespace.
	 * @param parts what follows the account, joined with {@code :}
	 * @return the key
	 */
	public String key(String... parts) {
		return "recs-bridge:" + this.account + ":" + String.join(":", parts);
	}

	/**
	 * A key's last part for a value that may carry personal data (an ECID, a customer
	 * id): its SHA-256, so that nothing personal is readable from Redis's key space.
	 * @param canonical the value's one canonical form
	 * @return 64 hex digits
	 */
	public static String digest(String canonical) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
