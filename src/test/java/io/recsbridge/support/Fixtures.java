package io.recsbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test fixtures, by classpath path.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * A fixture's text.
	 * @param path absolute classpath path, such as
	 * {@code /io/recsbridge/target/delivery-response-cart.json}
	 * @return the text
	 */
	public static String read(String path) {
		try (InputStream input = Fixtures.class.getResourceAsStream(path)) {
			if (input == null) {
				throw new IllegalArgumentException("No fixture " + path);
			}
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
