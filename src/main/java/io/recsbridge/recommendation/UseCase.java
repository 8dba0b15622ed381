package io.recsbridge.recommendation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriUtils;

/**
 * A configured use case, prepared once at start-up.
 *
 * @param name the name AJO calls it by
 * @param mbox the Target mbox
 * @param defaultMaxItems items returned when the request does not say
 * @param encodedTracking tracking parameters, names and values already query-encoded
 * @param attributes the extra entity attributes every item carries, in this order
 * @param minInventory the least known inventory a recommended entity needs to be shown,
 * or {@code null} for no such rule
 */
record UseCase(String name, String mbox, int defaultMaxItems, Map<String, String> encodedTracking,
		List<String> attributes, Integer minInventory) {

	static UseCase of(String name, BridgeProperties.UseCaseProperties properties) {
		Map<String, String> encoded = new LinkedHashMap<>();
		properties.tracking()
			.forEach((parameter, value) -> encoded.put(UriUtils.encodeQueryParam(parameter, "UTF-8"),
					UriUtils.encodeQueryParam(value, "UTF-8")));
		// Insertion order kept: links read the way operators wrote them.
		return new UseCase(name, properties.mbox(), properties.maxItems(), Collections.unmodifiableMap(encoded),
				List.copyOf(new LinkedHashSet<>(properties.attributes())), properties.minInventory());
	}

}
