package io.recsbridge.target;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of Adobe's {@code DeliveryResponse} the bridge reads. Unknown fields are
 * ignored: Target adds fields without notice.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DeliveryResponse(Integer status, String requestId, VisitorId id, String edgeHost, Execute execute) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record VisitorId(String tntId, String marketingCloudVisitorId) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Execute(List<MboxResponse> mboxes) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record MboxResponse(Integer index, String name, List<Option> options) {
	}

	/**
	 * A response token is usually a string, a list of strings for category affinity.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Option(String type, JsonNode content, Map<String, JsonNode> responseTokens) {
	}

}
