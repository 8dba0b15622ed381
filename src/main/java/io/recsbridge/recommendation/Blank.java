package io.recsbridge.recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * AJO sends {@code ""} for every field whose source is empty: such a value means "not
 * sent".
 */
final class Blank {

	private Blank() {
	}

	static boolean isBlank(String value) {
		return value != null && value.isBlank();
	}

	/**
	 * The value, or {@code null} when blank.
	 */
	static String absent(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * The list without the entries that stand for nothing; {@code null} elements stay, so
	 * that validation reports them. A list not sent is empty. The list sent is kept when
	 * nothing is removed: query-parameter binding goes on setting elements of the list it
	 * built after the constructor ran.
	 */
	static <T> List<T> without(List<T> values, Predicate<T> blank) {
		if (values == null) {
			return List.of();
		}
		if (values.stream().noneMatch((value) -> value != null && blank.test(value))) {
			return values;
		}
		return values.stream()
			.filter((value) -> value == null || !blank.test(value))
			.collect(Collectors.toCollection(ArrayList::new));
	}

}
