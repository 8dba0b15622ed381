package io.recsbridge.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The bridge's endpoint, plainly: the visitor's ECID in, one Delivery call with one mbox
 * ({@code ajo-<use case>}, as the bridge names them), the option's items out. Reads the
 * body bench/wrk.lua sends; checks nothing.
 */
@RestController
class RecommendationsController {

	private final RestClient target;

	private final ObjectMapper json;

	private final String clientCode;

	RecommendationsController(RestClient target, ObjectMapper json, @Value("${target.client-code}") String clientCode) {
		this.target = target;
		this.json = json;
		this.clientCode = clientCode;
	}

	@PostMapping("/v1/recommendations/{useCase}")
	Recommendations recommendations(@PathVariable String useCase, @RequestBody Visitor visitor)
			throws JsonProcessingException {
		DeliveryRequest request = new DeliveryRequest(new DeliveryRequest.Context("web"),
				new DeliveryRequest.Id(visitor.ecid()),
				new DeliveryRequest.Execute(List.of(new DeliveryRequest.Mbox(0, "ajo-" + useCase))));
		JsonNode response = this.target.post()
			.uri("/rest/v1/delivery?client={client}&sessionId={sessionId}", this.clientCode, UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.body(request)
			.retrieve()
			.body(JsonNode.class);
		List<Item> items = new ArrayList<>();
		if (response != null) {
			for (JsonNode mbox : response.path("execute").path("mboxes")) {
				for (JsonNode option : mbox.path("options")) {
					// A JSON offer's content, as the stand-in answers it: the design's
					// JSON as a string.
					JsonNode content = option.path("content");
					if (content.isTextual()) {
						content = this.json.readTree(content.asText());
					}
					for (JsonNode item : content.path("items")) {
						items.add(new Item(item.path("id").asText(), item.path("name").asText()));
					}
				}
			}
		}
		return new Recommendations(items);
	}

	record Visitor(String ecid) {
	}

	record DeliveryRequest(Context context, Id id, Execute execute) {

		record Context(String channel) {
		}

		record Id(String marketingCloudVisitorId) {
		}

		record Execute(List<Mbox> mboxes) {
		}

		record Mbox(int index, String name) {
		}

	}

	record Item(String id, String name) {
	}

	record Recommendations(List<Item> items) {
	}

}
