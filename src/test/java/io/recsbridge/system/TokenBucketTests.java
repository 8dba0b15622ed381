package io.recsbridge.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-caller bucket: a second's worth of burst, then the rate, on a clock the test
 * moves.
 */
class TokenBucketTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void aFullBucketAllowsABurstOfOneSecondsWorthThenSaysHowLongToWait() {
		TokenBucket bucket = new TokenBucket(4, 0);

		for (int i = 0; i < 4; i++) {
			assertThat(bucket.take(0)).isZero();
		}
		assertThat(bucket.take(0)).isEqualTo(SECOND / 4);
	}

	@Test
	void tokensComeBackAtTheRateAndNeverPastCapacity() {
		TokenBucket bucket = new TokenBucket(4, 0);
		for (int i = 0; i < 4; i++) {
			bucket.take(0);
		}

		assertThat(bucket.take(SECOND / 4)).isZero();
		assertThat(bucket.take(SECOND / 4)).isPositive();
		long later = 100 * SECOND;
		for (int i = 0; i < 4; i++) {
			assertThat(bucket.take(later)).isZero();
		}
		assertThat(bucket.take(later)).isPositive();
	}

	@Test
	void aRateUnderOneASecondStillAllowsOneRequest() {
		TokenBucket bucket = new TokenBucket(0.5, 0);

		assertThat(bucket.take(0)).isZero();
		assertThat(bucket.take(0)).isEqualTo(2 * SECOND);
	}

}
