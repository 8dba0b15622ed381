package io.recsbridge.catalog;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recsbridge.ims.ImsException;
import io.recsbridge.ims.UpstreamUnauthorizedException;
import io.recsbridge.system.LatencyBuckets;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Recommendations API's Get Entity, {@code GET
 * {base}/{tenant}/target/recs/entities/{id}}, one entity per call. Every call is timed as
 * {@code recs_bridge_catalog_calls_seconds{outcome}}: {@code found}, {@code not_found},
 * {@code unauthorized} or {@code error}.
 */
class GetEntityClient {

	private final RestClient restClient;

	private final CatalogEndpoint endpoint;

	private final Long environmentId;

	private final MeterRegistry registry;

	GetEntityClient(RestClient restClient, CatalogEndpoint endpoint, Long environmentId, MeterRegistry registry) {
		this.restClient = restClient;
		this.endpoint = endpoint;
		this.environmentId = environmentId;
		this.registry = registry;
	}

	/**
	 * The entity, looked up now.
	 * @param id the entity id
	 * @return its attributes as a design renders them, empty when the catalog has none
	 * @throws CatalogLookupException when the catalog could not say (not to be cached)
	 */
	Optional<Map<String, String>> find(String id) {
		Timer.Sample sample = Timer.start(this.registry);
		String outcome = "error";
		try {
			Optional<Map<String, String>> entity = this.endpoint.authenticated((headers) -> call(id, headers));
			outcome = entity.isPresent() ? "found" : "not_found";
			return entity;
		}
		catch (UpstreamUnauthorizedException ex) {
			outcome = "unauthorized";
			throw new CatalogLookupException("Get Entity refused a fresh IMS token");
		}
		catch (ImsException ex) {
			throw new CatalogLookupException("No IMS token for Get Entity: " + ex.getMessage());
		}
		catch (RestClientException ex) {
			throw new CatalogLookupException("Get Entity could not be reached or answered garbage");
		}
		finally {
			sample.stop(Timer.builder("recs.bridge.catalog.calls")
				.description("Get Entity calls to Target's catalog, by outcome")
				.tag("outcome", outcome)
				.serviceLevelObjectives(LatencyBuckets.AROUND_BUDGET)
				.register(this.registry));
		}
	}

	private Optional<Map<String, String>> call(String id,
			java.util.function.Consumer<org.springframework.http.HttpHeaders> headers) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.endpoint.baseUrl())
			.path("/{tenant}/target/recs/entities/{id}");
		if (this.environmentId != null) {
			uri.queryParam("environmentId", this.environmentId);
		}
		URI target = uri.encode().buildAndExpand(this.endpoint.tenantId(), id).toUri();
		return this.restClient.get()
			.uri(target)
			.accept(MediaType.APPLICATION_JSON)
			.headers(headers)
			.exchange((request, response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (status.value() == 401) {
					throw new UpstreamUnauthorizedException("Get Entity answered HTTP 401");
				}
				if (status.value() == 404) {
					return Optional.<Map<String, String>>empty();
				}
				if (!status.is2xxSuccessful()) {
					throw new CatalogLookupException("Get Entity answered HTTP " + status.value());
				}
				CatalogEntity entity = response.bodyTo(CatalogEntity.class);
				return (entity != null) ? Optional.of(entity.rendered()) : Optional.<Map<String, String>>empty();
			});
	}

}
