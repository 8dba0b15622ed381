package io.recsbridge.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.Transport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Recommendations API's Get Entity over the sandbox catalog: {@code GET
 * /sandbox/target-admin/{tenant}/target/recs/entities/{id}}, answering the entity in the
 * Save Entities shape ({@code attributes} hold what a feed gives Target, custom ones
 * included), 404 for an id the catalog lacks, and 401 without the bearer token and
 * {@code x-api-key} Adobe's gateway asks for. The sandbox's demo credential is fixed: the
 * sandbox runs no IMS on its default road.
 */
@RestController
@ConditionalOnTransport(Transport.SANDBOX)
class SandboxCatalogController {

	static final String BASE_PATH = "/sandbox/target-admin";

	static final String TENANT = "sandbox";

	static final String DEMO_TOKEN = "sandbox-catalog-token";

	static final String DEMO_CLIENT_ID = "recs-bridge-sandbox";

	private final Catalog catalog;

	SandboxCatalogController(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping(path = BASE_PATH + "/{tenant}/target/recs/entities/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> entity(@PathVariable String tenant, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = "x-api-key", required = false) String apiKey) {
		if (!("Bearer " + DEMO_TOKEN).equals(authorization) || !DEMO_CLIENT_ID.equals(apiKey)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(Map.of("error_code", "401013", "message", "Oauth token is not valid"));
		}
		if (!TENANT.equals(tenant)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(Map.of("error_code", "403003", "message", "Api Key is invalid"));
		}
		return this.catalog.find(id)
			.map((product) -> ResponseEntity.ok(entityOf(product)))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Map.of("httpStatus", 404, "requestId", "sandbox", "errors",
						List.of(Map.of("errorCode", "Recs-EntityNotFound", "message", "Entity not found")))));
	}

	private static Map<String, Object> entityOf(Product product) {
		Map<String, String> attributes = new LinkedHashMap<>(product.attributes());
		attributes.remove("id");
		attributes.remove("name");
		Map<String, Object> entity = new LinkedHashMap<>();
		entity.put("id", product.id());
		entity.put("name", product.name());
		entity.put("environment", 0);
		entity.put("categories", List.of(product.categoryId()));
		entity.put("attributes", attributes);
		return entity;
	}

}
