package io.recsbridge.support;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds a properties record the way the application does, defaults included, so tests
 * name only what they care about.
 */
public final class BoundProperties {

	private BoundProperties() {
	}

	/**
	 * Binds a record from flat properties.
	 * @param <T> the record type
	 * @param prefix the prefix, such as {@code target}
	 * @param type the record type
	 * @param properties relaxed property names to values, without the prefix
	 * @return the bound record
	 */
	public static <T> T bind(String prefix, Class<T> type, Map<String, String> properties) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		properties.forEach((name, value) -> source.put(prefix + "." + name, value));
		return new Binder(source).bindOrCreate(prefix, type);
	}

}
