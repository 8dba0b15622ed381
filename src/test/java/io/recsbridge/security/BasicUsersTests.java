package io.recsbridge.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Basic passwords are held salted and hashed, and compared by hash; ones configured
 * already as bcrypt work too.
 */
class BasicUsersTests {

	private final PasswordEncoder encoder = BasicUsers.passwordEncoder();

	@Test
	void plainPasswordsAreHeldSaltedAndHashed() {
		String first = this.encoder.encode("s3cret");
		String second = this.encoder.encode("s3cret");

		assertThat(first).startsWith("{sha256}").doesNotContain("s3cret").isNotEqualTo(second);
		assertThat(this.encoder.matches("s3cret", first)).isTrue();
		assertThat(this.encoder.matches("s3cret", second)).isTrue();
		assertThat(this.encoder.matches("s3cre", first)).isFalse();
		assertThat(this.encoder.matches("s3cret ", first)).isFalse();
	}

	@Test
	void bcryptPasswordsFromTheEnvironmentAreAccepted() {
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret");

		assertThat(this.encoder.matches("s3cret", bcrypt)).isTrue();
		assertThat(this.encoder.matches("other", bcrypt)).isFalse();
	}

	@Test
	void malformedHashesNeverMatch() {
		BasicUsers.SaltedSha256 sha256 = new BasicUsers.SaltedSha256();

		assertThat(sha256.matches("s3cret", "no-dollar")).isFalse();
		assertThat(sha256.matches("s3cret", "zz$zz")).isFalse();
		assertThat(sha256.matches(null, sha256.encode("s3cret"))).isFalse();
	}

}
