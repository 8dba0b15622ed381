package io.recsbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * HTTP Basic users, held only as password hashes. Plain passwords from the environment
 * are hashed at start-up with a salted SHA-256, compared in constant time: fast enough
 * for every request of a 700 ms budget, where bcrypt would spend a tenth of it. Passwords
 * configured already encoded ({@code {bcrypt}$2a$...}) are kept as they are.
 */
final class BasicUsers {

	private BasicUsers() {
	}

	static DaoAuthenticationProvider provider(List<String> userPasswordPairs) {
		PasswordEncoder encoder = passwordEncoder();
		List<UserDetails> users = new ArrayList<>();
		for (String pair : userPasswordPairs) {
			int colon = pair.indexOf(':');
			String password = pair.substring(colon + 1);
			String encoded = password.startsWith("{") ? password : encoder.encode(password);
			users.add(User.withUsername(pair.substring(0, colon).strip())
				.password(encoded)
				.authorities("ROLE_CLIENT")
				.build());
		}
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
		provider.setPasswordEncoder(encoder);
		return provider;
	}

	static PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder(SaltedSha256.ID,
				Map.of(SaltedSha256.ID, new SaltedSha256(), "bcrypt", new BCryptPasswordEncoder()));
	}

	/**
	 * A random salt per password, SHA-256 over salt and password, compared with
	 * {@link MessageDigest#isEqual}.
	 */
	static final class SaltedSha256 implements PasswordEncoder {

		static final String ID = "sha256";

		private static final HexFormat HEX = HexFormat.of();

		private final SecureRandom random = new SecureRandom();

		@Override
		public String encode(CharSequence rawPassword) {
			byte[] salt = new byte[16];
			this.random.nextBytes(salt);
			return HEX.formatHex(salt) + "$" + HEX.formatHex(hash(salt, rawPassword));
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			int dollar = (encodedPassword != null) ? encodedPassword.indexOf('$') : -1;
			if (rawPassword == null || dollar < 0) {
				return false;
			}
			try {
				byte[] salt = HEX.parseHex(encodedPassword, 0, dollar);
				byte[] expected = HEX.parseHex(encodedPassword, dollar + 1, encodedPassword.length());
				return MessageDigest.isEqual(expected, hash(salt, rawPassword));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

		private static byte[] hash(byte[] salt, CharSequence rawPassword) {
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				digest.update(salt);
				return digest.digest(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every Java runtime has SHA-256", ex);
			}
		}

	}

}
