package io.recsbridge.target;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The part of Adobe's {@code DeliveryRequest} the bridge sends: one visitor, one
 * {@code execute} mbox. Absent values are left out rather than sent as {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeliveryRequest(String requestId, Context context, VisitorId id, Property property, Long environmentId,
		Execute execute) {

	record Context(String channel) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record VisitorId(String marketingCloudVisitorId, String thirdPartyId) {
	}

	record Property(String token) {
	}

	record Execute(List<Mbox> mboxes) {
	}

	record Mbox(int index, String name, Map<String, String> parameters) {
	}

}
