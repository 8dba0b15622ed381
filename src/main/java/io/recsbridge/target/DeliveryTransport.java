package io.recsbridge.target;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.target.TargetCallException.Failure;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Calls the Target Delivery API: one {@code execute} mbox per visitor, with the
 * Recommendations parameters the use case needs.
 */
class DeliveryTransport implements TargetClient {

	static final String TRANSPORT_TAG = "delivery";

	private final RestClient restClient;

	private final TargetEndpoint endpoint;

	private final DeliveryRequest.Property property;

	private final Long environmentId;

	/** Sent as {@code imsOrgId}, as Adobe's SDKs do, when the org is known. */
	private final String imsOrgId;

	private final TargetCallTimers callTimers;

	private final LocationHints locationHints;

	/**
	 * By base URL: the configured one and the edge hosts visitors were routed to, a
	 * handful.
	 */
	private final ConcurrentMap<URI, String> urlPrefixes = new ConcurrentHashMap<>();

	private final Clock clock;

	DeliveryTransport(RestClient restClient, TargetEndpoint endpoint, TargetProperties properties, String imsOrgId,
			MeterRegistry meterRegistry, LocationHints locationHints, Clock clock) {
		this.restClient = restClient;
		this.imsOrgId = (imsOrgId != null && !imsOrgId.isBlank()) ? imsOrgId : null;
		this.endpoint = endpoint;
		this.locationHints = locationHints;
		this.clock = clock;
		this.property = (properties.propertyToken() != null) ? new DeliveryRequest.Property(properties.propertyToken())
				: null;
		this.environmentId = properties.environmentId();
		this.callTimers = new TargetCallTimers(meterRegistry, TRANSPORT_TAG);
	}

	@Override
	public TargetDecision execute(TargetQuery query) {
		return this.callTimers.time(() -> call(query));
	}

	private TargetDecision call(TargetQuery query) {
		String hint = this.locationHints.hintFor(query.ecid());
		try {
			return call(query, this.endpoint.baseUrlFor(hint));
		}
		catch (TargetCallException ex) {
			if (hint != null && ex.failure().edgeDown()) {
				// The hinted edge is unreachable or failing: the next call goes to the
				// client's own host, which Adobe routes to a healthy edge, rather than
				// back to this one for the rest of the session.
				this.locationHints.forget(query.ecid());
			}
			throw ex;
		}
	}

	private TargetDecision call(TargetQuery query, URI base) {
		// The session id is a UUID (hex digits and hyphens): nothing in it to encode.
		URI uri = URI.create(this.urlPrefixes.computeIfAbsent(base, this::urlPrefixFor)
				+ VisitorSessions.sessionIdFor(query.ecid()));
		DeliveryRequest body = requestFor(query);
		query.exchanges().sent(uri, body);
		try {
			DeliveryResponse response = this.restClient.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange((request, httpResponse) -> {
					HttpStatusCode status = httpResponse.getStatusCode();
					query.exchanges().answered(status.value());
					if (!status.is2xxSuccessful()) {
						// Target's error body is never read: it can echo what we sent.
						throw statusFailure(status, httpResponse.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
					}
					return httpResponse.bodyTo(DeliveryResponse.class);
				});
			if (response == null) {
				throw new TargetCallException(Failure.INVALID_RESPONSE, "Target answered with an empty body");
			}
			if (response.id() != null) {
				this.locationHints.remember(query.ecid(), response.id().tntId());
			}
			return decisionFor(response, query.mbox());
		}
		catch (RestClientException ex) {
			throw ExchangeFailures.of(ex, "Target");
		}
	}

	/**
	 * The Delivery URL up to the session id's value, expanded and encoded from its
	 * template once per base URL rather than on every call.
	 */
	private String urlPrefixFor(URI base) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("client", this.endpoint.clientCode());
		String template = "client={client}";
		if (this.imsOrgId != null) {
			variables.put("imsOrgId", this.imsOrgId);
			template += "&imsOrgId={imsOrgId}";
		}
		return UriComponentsBuilder.fromUri(base)
			.path("/rest/v1/delivery")
			.query(template)
			.buildAndExpand(variables)
			.encode()
			.toUriString() + "&sessionId=";
	}

	DeliveryRequest requestFor(TargetQuery query) {
		DeliveryRequest.Mbox mbox = new DeliveryRequest.Mbox(0, query.mbox(), TargetParameters.of(query));
		return new DeliveryRequest(query.requestId(), new DeliveryRequest.Context("web"),
				new DeliveryRequest.VisitorId(query.ecid(), query.thirdPartyId()), this.property, this.environmentId,
				new DeliveryRequest.Execute(List.of(mbox)));
	}

	private static TargetDecision decisionFor(DeliveryResponse response, String mbox) {
		if (response.execute() == null || response.execute().mboxes() == null) {
			return new TargetDecision(List.of());
		}
		List<TargetOption> options = new ArrayList<>();
		for (DeliveryResponse.MboxResponse mboxResponse : response.execute().mboxes()) {
			if (mboxResponse == null || mboxResponse.options() == null || !mbox.equals(mboxResponse.name())) {
				continue;
			}
			for (DeliveryResponse.Option option : mboxResponse.options()) {
				if (option != null) {
					options.add(new TargetOption((option.type() != null) ? option.type() : "", option.content(),
							tokensOf(option.responseTokens())));
				}
			}
		}
		return new TargetDecision(options);
	}

	private static Map<String, String> tokensOf(Map<String, JsonNode> responseTokens) {
		Map<String, String> tokens = new LinkedHashMap<>();
		TokenValues.copy(responseTokens, tokens);
		return tokens;
	}

	private TargetCallException statusFailure(HttpStatusCode status, String retryAfter) {
		int code = status.value();
		if (code == 420 || code == 429) {
			// Target's "slow down": a later call may pass, so not a rejection of the
			// request.
			return TargetCallException.throttled(Failure.THROTTLED, "Target answered HTTP " + code,
					RetryAfter.parse(retryAfter, this.clock));
		}
		Failure failure;
		if (status.is4xxClientError()) {
			failure = Failure.REJECTED;
		}
		else if (status.is5xxServerError()) {
			failure = Failure.SERVER_ERROR;
		}
		else {
			// 1xx and 3xx: the Delivery API answers neither.
			failure = Failure.INVALID_RESPONSE;
		}
		return new TargetCallException(failure, "Target answered HTTP " + code);
	}

}
