package io.recsbridge.target;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One option of an mbox response.
 *
 * @param type Target's option type ({@code json}, {@code html}...), {@code ""} if absent
 * @param content the rendered design: a JSON object, array or string; a missing node when
 * Target sent none
 * @param responseTokens the option's response tokens ({@code activity.id}...), as strings
 */
public record TargetOption(String type, JsonNode content, Map<String, String> responseTokens) {

	public TargetOption {
		responseTokens = Map.copyOf(responseTokens);
	}

}
