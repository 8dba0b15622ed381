package io.recsbridge.recommendation;

import java.util.regex.Pattern;

/**
 * Recognises Velocity references a design left unrendered: Target writes
 * {@code $entity4.name} literally when a slot is empty and the design did not say
 * {@code $!entity4.name}.
 */
final class Placeholders {

	/**
	 * {@code ${...}} and {@code $!{...}}; {@code $name.attribute} chains; bare
	 * {@code $entityN}, {@code $entities}, {@code $key}. A price such as {@code $35} is
	 * not a reference: Velocity names start with a letter.
	 */
	private static final Pattern REFERENCE = Pattern
		.compile("\\$!?\\{[^}]*}|\\$!?[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+|\\$!?(entity\\d*|entities|key)\\b");

	private Placeholders() {
	}

	static boolean containsReference(String value) {
		return value.indexOf('$') >= 0 && REFERENCE.matcher(value).find();
	}

}
