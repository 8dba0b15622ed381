package io.recsbridge.target;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of the Edge Network's {@code InteractResponse} the bridge reads: the
 * {@code personalization:decisions} handles. Other handles ({@code locationHint:result},
 * {@code state:store}...) read as propositions without items and are skipped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EdgeResponse(String requestId, List<Handle> handle) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Handle(String type, List<Proposition> payload) {
	}

	/**
	 * One decision scope's content.
	 *
	 * @param scope the mbox
	 * @param scopeDetails Target's activity, experience and strategies
	 * @param items the offers
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Proposition(String id, String scope, JsonNode scopeDetails, List<Item> items) {
	}

	/**
	 * One offer: its schema, its content, and its response tokens in {@code meta}.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Item(String id, String schema, ItemData data, Map<String, JsonNode> meta) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ItemData(String id, String format, JsonNode content) {
	}

}
