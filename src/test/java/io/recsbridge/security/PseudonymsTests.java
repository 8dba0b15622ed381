package io.recsbridge.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECIDs in logs are a keyed hash prefix: stable for one key, different under another, and
 * never the ECID.
 */
class PseudonymsTests {

	private static final String ECID = "45781285307713846961427437541683283427";

	@AfterEach
	void randomKeyAgain() {
		Pseudonyms.useKey(null);
	}

	@Test
	void theSameVisitorGetsTheSamePseudonymUnderOneKey() {
		Pseudonyms.useKey("shared-by-every-replica");

		assertThat(Pseudonyms.of(ECID)).isEqualTo(Pseudonyms.of(ECID))
			.matches("[0-9a-f]{12}")
			.isNotEqualTo(Pseudonyms.of("45781285307713846961427437541683283428"));
		assertThat(ECID).doesNotContain(Pseudonyms.of(ECID));
	}

	@Test
	void anotherKeyGivesAnotherPseudonym() {
		Pseudonyms.useKey("one");
		String underOne = Pseudonyms.of(ECID);
		Pseudonyms.useKey("two");

		assertThat(Pseudonyms.of(ECID)).isNotEqualTo(underOne);
	}

	@Test
	void withoutAKeyEachStartHasARandomOne() {
		Pseudonyms.useKey("");
		String first = Pseudonyms.of(ECID);
		Pseudonyms.useKey(null);

		assertThat(Pseudonyms.of(ECID)).isNotEqualTo(first);
	}

	@Test
	void noIdentifierIsADash() {
		assertThat(Pseudonyms.of(null)).isEqualTo("-");
		assertThat(Pseudonyms.of("")).isEqualTo("-");
	}

}
