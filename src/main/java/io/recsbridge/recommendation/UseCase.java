package io.recsbridge.recommendation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.util.UriUtils;

/**
 * A configured use case, prepared once at start-up.
 *
 * @param name the name AJO calls it by
 * @param mbox the Target mbox
 * @param defaultMaxItems items returned when the request does not say
 * @param encodedTracking tracking parameters, names and values already query-encoded
 */
record UseCase(String name, String mbox, int defaultMaxItems, Map<String, String> encodedTracking) {

	static UseCase of(String name, BridgeProperties.UseCaseProperties properties) {
		Map<String, String> encoded = new LinkedHashMap<>();
		properties.tracking()
			.forEach((parameter, value) -> encoded.put(UriUtils.encodeQueryParam(parameter, "UTF-8"),
					UriUtils.encodeQueryParam(value, "UTF-8")));
		// Insertion order kept: links read the way operators wrote them.
		return new UseCase(name, properties.mbox(), properties.maxItems(), Collections.unmodifiableMap(encoded));
	}

}
