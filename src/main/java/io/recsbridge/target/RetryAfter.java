package io.recsbridge.target;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header: delay-seconds or an HTTP date.
 */
final class RetryAfter {

	/** A longer wait is no help to a request answered within a second. */
	private static final Duration MAX = Duration.ofMinutes(5);

	private RetryAfter() {
	}

	static Duration parse(String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.strip();
		try {
			if (value.chars().allMatch(Character::isDigit)) {
				return cap(Duration.ofSeconds(Long.parseLong(value)));
			}
			ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration wait = Duration.between(clock.instant(), at.toInstant());
			return cap(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (NumberFormatException | ArithmeticException | DateTimeParseException ex) {
			return null;
		}
	}

	private static Duration cap(Duration wait) {
		return (wait.compareTo(MAX) > 0) ? MAX : wait;
	}

}
