package io.recsbridge.sandbox;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of Adobe's {@code DeliveryRequest} the sandbox reads. Unknown fields are
 * ignored, as Target ignores what it does not use.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EmulatedRequest(String requestId, Context context, VisitorId id, Execute execute) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Context(String channel) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record VisitorId(String tntId, String thirdPartyId, String marketingCloudVisitorId) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Execute(List<Mbox> mboxes) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Mbox(Integer index, String name, Map<String, String> parameters) {

		String parameter(String name) {
			return (this.parameters != null) ? this.parameters.get(name) : null;
		}

	}

}
