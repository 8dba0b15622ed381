package io.recsbridge.target;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The part of the Edge Network's {@code SingleEventRequest} the bridge sends: one event
 * for one visitor, with Target's mbox parameters, and a personalization query for one
 * decision scope (the mbox).
 */
record EdgeRequest(Event event, Query query) {

	record Event(Xdm xdm, Data data) {
	}

	record Xdm(Map<String, List<IdentityItem>> identityMap, String eventType, String timestamp) {
	}

	record IdentityItem(String id, String authenticatedState, boolean primary) {
	}

	record Data(@JsonProperty("__adobe") Adobe adobe) {
	}

	/**
	 * What the Edge Network hands to Target as mbox parameters.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	record Adobe(Map<String, String> target) {
	}

	record Query(Personalization personalization) {
	}

	record Personalization(List<String> schemas, List<String> decisionScopes) {
	}

}
