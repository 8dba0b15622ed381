package io.recsbridge.recommendation;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;

/**
 * AJO's condition helper, {@code {%#if <condition>%} ... {%else%} ... {%/if%}}, for
 * rendering the kit's templates as AJO does: AJO writes conditions in its own expression
 * language, not as Handlebars {@code {{#if}}}. The part of that language the kit uses is
 * evaluated:
 * <ul>
 * <li>{@code path = value}, {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=},
 * where value is {@code true}, {@code false}, a number or a {@code "string"};</li>
 * <li>{@code isEmpty(path)} and {@code isNotEmpty(path)}.</li>
 * </ul>
 * In strict mode (the kit's tests) any other condition, or a path the answer lacks, is an
 * error, so a template cannot pass with a condition AJO would read otherwise; otherwise
 * (the preview of an operator's own template) such a condition renders its
 * {@code {%else%}} part.
 */
final class AjoConditions {

	private static final String HELPER = "ajoIf";

	private static final String UNKNOWN = "ajoIfUnknown";

	private static final Pattern TAG = Pattern.compile("\\{%\\s*(#if\\s+(.+?)|else|/if)\\s*%}");

	private static final Pattern COMPARISON = Pattern
		.compile("([A-Za-z_][\\w.]*)\\s*(=|!=|>=|<=|>|<)\\s*(true|false|-?\\d+(?:\\.\\d+)?|\"[^\"']*\")");

	private static final Pattern EMPTINESS = Pattern.compile("(isEmpty|isNotEmpty)\\(\\s*([A-Za-z_][\\w.]*)\\s*\\)");

	private AjoConditions() {
	}

	/**
	 * Registers the helpers the translated templates call.
	 * @param handlebars the engine
	 * @param strict whether a path the answer lacks is an error
	 * @return the engine
	 */
	static Handlebars register(Handlebars handlebars, boolean strict) {
		handlebars.registerHelper(HELPER, (Helper<String>) (condition, options) -> holds(condition, options, strict)
				? options.fn() : options.inverse());
		return handlebars.registerHelper(UNKNOWN, (Helper<Object>) (condition, options) -> options.inverse());
	}

	/**
	 * The template with every AJO condition turned into a Handlebars block.
	 * @param template the template as AJO reads it
	 * @param strict whether a condition outside the evaluated language is an error
	 * @return the template Handlebars renders
	 */
	static String translate(String template, boolean strict) {
		Matcher tag = TAG.matcher(template);
		StringBuilder out = new StringBuilder();
		// Blocks are closed by the helper that opened them, innermost first.
		java.util.Deque<String> open = new java.util.ArrayDeque<>();
		while (tag.find()) {
			String replacement;
			if (tag.group(2) != null) {
				String condition = tag.group(2).strip();
				boolean known = COMPARISON.matcher(condition).matches() || EMPTINESS.matcher(condition).matches();
				if (!known && strict) {
					throw new IllegalArgumentException("Not an AJO condition the kit may use: " + condition);
				}
				String helper = known ? HELPER : UNKNOWN;
				open.push(helper);
				replacement = "{{#" + helper + " '" + (known ? condition : "") + "'}}";
			}
			else if (tag.group(1).equals("else")) {
				replacement = "{{else}}";
			}
			else {
				if (open.isEmpty()) {
					throw new IllegalArgumentException("{%/if%} without {%#if%}");
				}
				replacement = "{{/" + open.pop() + "}}";
			}
			tag.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		tag.appendTail(out);
		if (strict && out.indexOf("{%") >= 0) {
			throw new IllegalArgumentException("An AJO helper tag the rendering does not know is left");
		}
		return out.toString();
	}

	private static boolean holds(String condition, Options options, boolean strict) throws IOException {
		Matcher emptiness = EMPTINESS.matcher(condition);
		if (emptiness.matches()) {
			Object value = resolve(emptiness.group(2), options, strict);
			return emptiness.group(1).equals("isEmpty") == isEmpty(value);
		}
		Matcher comparison = COMPARISON.matcher(condition);
		if (!comparison.matches()) {
			throw new IllegalStateException("Not an evaluated condition: " + condition);
		}
		Object value = resolve(comparison.group(1), options, strict);
		String literal = comparison.group(3);
		Integer order = compare(value, literal);
		if (order == null) {
			if (strict) {
				throw new IllegalArgumentException(comparison.group(1) + " cannot be compared with " + literal);
			}
			return false;
		}
		return switch (comparison.group(2)) {
			case "=" -> order == 0;
			case "!=" -> order != 0;
			case ">" -> order > 0;
			case ">=" -> order >= 0;
			case "<" -> order < 0;
			default -> order <= 0;
		};
	}

	private static Integer compare(Object value, String literal) {
		if (literal.equals("true") || literal.equals("false")) {
			return (value instanceof Boolean flag) ? Boolean.compare(flag, Boolean.parseBoolean(literal)) : null;
		}
		if (literal.startsWith("\"")) {
			return (value != null) ? String.valueOf(value).compareTo(literal.substring(1, literal.length() - 1)) : null;
		}
		return (value instanceof Number) ? new BigDecimal(value.toString()).compareTo(new BigDecimal(literal)) : null;
	}

	/**
	 * A path in the rendering's context; in strict mode, one that leads nowhere is a
	 * template mistake.
	 */
	private static Object resolve(String path, Options options, boolean strict) {
		Object value = options.context.get(path);
		if (value == null && strict) {
			throw new IllegalArgumentException("The condition reads " + path + ", which the answer does not have");
		}
		return value;
	}

	private static boolean isEmpty(Object value) {
		return value == null || (value instanceof String text && text.isEmpty())
				|| (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty());
	}

}
