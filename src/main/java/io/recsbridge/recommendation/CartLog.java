package io.recsbridge.recommendation;

import java.util.Map;

/**
 * Hears how the mapper completed each cart line, for the preview. A send passes
 * {@link #NONE}.
 */
@FunctionalInterface
interface CartLog {

	/** Hears nothing. */
	CartLog NONE = (line, sent, fromCatalog) -> {
	};

	/**
	 * One line shaped.
	 * @param line the line as the request gave it
	 * @param sent the fields the request gave, in the design's names ({@code name},
	 * {@code thumbnailUrl}, {@code pageUrl}, {@code value})
	 * @param fromCatalog the fields Target's catalog gave that the request did not
	 */
	void shaped(EmailRequest.CartLine line, Map<String, String> sent, Map<String, String> fromCatalog);

}
