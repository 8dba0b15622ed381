package io.recsbridge.sandbox;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of Adobe's {@code DeliveryResponse} the sandbox answers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EmulatedResponse(int status, String requestId, String client, VisitorId id, String edgeHost, Execute execute) {

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record VisitorId(String tntId, String thirdPartyId, String marketingCloudVisitorId) {
	}

	record Execute(List<MboxResponse> mboxes) {
	}

	record MboxResponse(int index, String name, List<Option> options) {
	}

	/**
	 * A JSON offer: the rendered design as an object.
	 */
	record Option(String type, JsonNode content, Map<String, String> responseTokens) {
	}

	/**
	 * Adobe's error shape, {@code {"status": 400, "message": "..."}}.
	 */
	record Error(int status, String message) {
	}

}
