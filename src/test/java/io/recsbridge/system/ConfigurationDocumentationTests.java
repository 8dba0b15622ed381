package io.recsbridge.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} and the code agree: every property the build's
 * configuration metadata lists is documented there (by its environment variable or its
 * name), and every variable or property the page's tables name binds to something, ours
 * or Spring Boot's. A setting added without documentation, or documentation left behind
 * by a renamed setting, fails the build.
 */
class ConfigurationDocumentationTests {

	private static final Path PAGE = Path.of("docs/configuration.md");

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	/** A table row's first cell. */
	private static final Pattern FIRST_CELL = Pattern.compile("(?m)^\\| ([^|]+) \\|");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]+");

	private static final Pattern PROPERTY = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)");

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void everyPropertyOfTheBuildIsDocumented() throws IOException {
		String page = Files.readString(PAGE);
		List<String> undocumented = new ArrayList<>();
		for (String property : ours()) {
			if (!page.contains("`" + property + "`") && !page.contains("`" + variableOf(property) + "`")
					&& !page.contains("`" + property + ".")) {
				undocumented.add(property + " (" + variableOf(property) + ")");
			}
		}
		assertThat(undocumented).as("properties missing from %s", PAGE).isEmpty();
	}

	@Test
	void everyDocumentedVariableAndPropertyBinds() throws IOException {
		Set<String> known = new HashSet<>();
		for (String name : all()) {
			known.add(relaxed(name));
		}
		String yaml = Files.readString(Path.of("src/main/resources/application.yml"));
		Matcher placeholders = PLACEHOLDER.matcher(yaml);
		while (placeholders.find()) {
			known.add(relaxed(placeholders.group(1)));
		}
		List<String> unbound = new ArrayList<>();
		List<String> documented = documented();
		for (String name : documented) {
			if (!known.contains(relaxed(name)) && known.stream().noneMatch((k) -> k.startsWith(relaxed(name) + "."))) {
				unbound.add(name);
			}
		}
		assertThat(documented).as("the page's tables name settings").hasSizeGreaterThan(40);
		assertThat(unbound).as("documented in %s but bound by nothing", PAGE).isEmpty();
	}

	/**
	 * Environment variables and property names in the first cell of the page's tables.
	 */
	private static List<String> documented() throws IOException {
		List<String> names = new ArrayList<>();
		Matcher cells = FIRST_CELL.matcher(Files.readString(PAGE));
		while (cells.find()) {
			Matcher code = CODE.matcher(cells.group(1));
			while (code.find()) {
				String name = code.group(1).strip();
				if (VARIABLE.matcher(name).matches() || (PROPERTY.matcher(name).matches() && !name.contains("<"))) {
					names.add(name);
				}
			}
		}
		return names;
	}

	/** The properties of this build (its own metadata file, not the libraries'). */
	private List<String> ours() throws IOException {
		List<String> names = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader().getResources(METADATA))) {
			if ("file".equals(url.getProtocol())) {
				names.addAll(names(url));
			}
		}
		assertThat(names).as("the build's own configuration metadata").isNotEmpty();
		return names;
	}

	private List<String> all() throws IOException {
		List<String> names = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader().getResources(METADATA))) {
			names.addAll(names(url));
		}
		return names;
	}

	private List<String> names(URL url) throws IOException {
		try (InputStream input = url.openStream()) {
			JsonNode metadata = this.json.readTree(input);
			List<String> names = new ArrayList<>();
			metadata.path("properties").forEach((property) -> names.add(property.path("name").asText()));
			return names;
		}
	}

	/**
	 * {@code target.rate-limit} -> {@code TARGET_RATE_LIMIT}, as the README tells
	 * operators.
	 */
	static String variableOf(String property) {
		return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * One spelling for a variable and a property, as Boot's relaxed binding reads both.
	 */
	private static String relaxed(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.').replace("[*]", "");
	}

}
