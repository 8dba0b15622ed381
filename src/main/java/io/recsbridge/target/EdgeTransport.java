package io.recsbridge.target;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.ims.AccessToken;
import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.ImsException;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;
import io.recsbridge.ims.UpstreamUnauthorizedException;
import io.recsbridge.target.TargetCallException.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Calls Target through the Experience Platform Edge Network Server API
 * ({@code /ee/v2/interact}), the path Adobe documents for Web SDK implementations: one
 * event for the visitor (the ECID and, when a namespace is configured, the third-party id
 * in {@code xdm.identityMap}), the mbox as decision scope, Target's Recommendations
 * parameters in {@code data.__adobe.target}. Its {@code personalization:decisions} are
 * read into the same {@link TargetDecision} as the Delivery API's, so the email is the
 * same whichever transport served it.
 * <p>
 * Adobe asks callers to retry only 429 (after {@code Retry-After}), 502, 503 and 504:
 * this transport marks only those failures retryable. A 401 fetches a new IMS token once.
 * Error bodies (problem+json) are never read: they can echo what was sent.
 */
class EdgeTransport implements TargetClient {

	static final String TRANSPORT_TAG = "edge";

	static final String JSON_CONTENT_ITEM = "https://ns.adobe.com/personalization/json-content-item";

	static final String HTML_CONTENT_ITEM = "https://ns.adobe.com/personalization/html-content-item";

	static final String DECISIONS = "personalization:decisions";

	static final String ECID_NAMESPACE = "ECID";

	static final String AMBIGUOUS = "ambiguous";

	static final String AUTHENTICATED = "authenticated";

	private static final Logger logger = LoggerFactory.getLogger(EdgeTransport.class);

	/** Once per start: the log says what to set, not the same line per request. */
	private final AtomicBoolean thirdPartyIdWarned = new AtomicBoolean();

	private final RestClient restClient;

	private final EdgeProperties properties;

	private final EdgeEndpoint endpoint;

	private final ImsProperties credential;

	private final ImsTokens tokens;

	private final TargetCallTimers callTimers;

	private final Clock clock;

	EdgeTransport(RestClient restClient, EdgeProperties properties, EdgeConnection connection,
			MeterRegistry meterRegistry, Clock clock) {
		this.restClient = restClient;
		this.properties = properties;
		this.endpoint = connection.endpoint();
		this.credential = connection.credential();
		this.tokens = connection.tokens();
		this.callTimers = new TargetCallTimers(meterRegistry, TRANSPORT_TAG);
		this.clock = clock;
	}

	@Override
	public TargetDecision execute(TargetQuery query) {
		return this.callTimers.time(() -> callWithToken(query));
	}

	private TargetDecision callWithToken(TargetQuery query) {
		try {
			return this.tokens.withToken((token) -> call(token, query));
		}
		catch (UpstreamUnauthorizedException ex) {
			throw new TargetCallException(Failure.REJECTED, "The Edge Network refused a fresh IMS token");
		}
		catch (ImsException ex) {
			Failure failure = ex.rejected() ? Failure.REJECTED : Failure.UNREACHABLE;
			throw new TargetCallException(failure, "No IMS token for the Edge Network: " + ex.getMessage())
				.withoutRetry();
		}
	}

	private TargetDecision call(AccessToken token, TargetQuery query) {
		// dataStreamId, as Adobe's Server API guide and its own server-side client
		// (adobe/alloy-samples) send it; the OpenAPI spec's "datastreamId" is a slip.
		URI uri = UriComponentsBuilder.fromUri(this.endpoint.baseUrl())
			.path("/ee/v2/interact")
			.query("dataStreamId={datastream}")
			.encode()
			.buildAndExpand(this.endpoint.datastreamId())
			.toUri();
		EdgeRequest body = requestFor(query);
		query.exchanges().sent(uri, body);
		try {
			EdgeResponse response = this.restClient.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.headers((headers) -> {
					AdobeApis.authenticate(headers, token, this.credential, this.endpoint.sandboxName());
					headers.set("x-request-id", query.requestId());
				})
				.body(body)
				.exchange((request, httpResponse) -> {
					HttpStatusCode status = httpResponse.getStatusCode();
					query.exchanges().answered(status.value());
					if (status.value() == 401) {
						throw new UpstreamUnauthorizedException("The Edge Network answered HTTP 401");
					}
					if (!status.is2xxSuccessful()) {
						throw statusFailure(status, httpResponse.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
					}
					return httpResponse.bodyTo(EdgeResponse.class);
				});
			if (response == null) {
				throw new TargetCallException(Failure.INVALID_RESPONSE, "The Edge Network answered with an empty body")
					.withoutRetry();
			}
			return decisionFor(response, query.mbox());
		}
		catch (RestClientException ex) {
			// Adobe asks for retries of 429, 502, 503 and 504 only: not of timeouts,
			// refused connections or unreadable bodies.
			throw ExchangeFailures.of(ex, "The Edge Network").withoutRetry();
		}
	}

	EdgeRequest requestFor(TargetQuery query) {
		Map<String, String> target = TargetParameters.of(query);
		EdgeRequest.Xdm xdm = new EdgeRequest.Xdm(identityMapFor(query), this.properties.eventType(),
				Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS).toString());
		return new EdgeRequest(new EdgeRequest.Event(xdm, new EdgeRequest.Data(new EdgeRequest.Adobe(target))),
				new EdgeRequest.Query(new EdgeRequest.Personalization(List.of(JSON_CONTENT_ITEM, HTML_CONTENT_ITEM),
						List.of(query.mbox()))));
	}

	/**
	 * The visitor's identities as a Web SDK datastream reads them: the ECID, primary and
	 * ambiguous (a device id), and the third-party id under the namespace the
	 * datastream's Target settings name, authenticated (a known customer). Target reads
	 * the third-party id from there, not from {@code mbox3rdPartyId}.
	 */
	private Map<String, List<EdgeRequest.IdentityItem>> identityMapFor(TargetQuery query) {
		Map<String, List<EdgeRequest.IdentityItem>> identityMap = new LinkedHashMap<>();
		identityMap.put(ECID_NAMESPACE, List.of(new EdgeRequest.IdentityItem(query.ecid(), AMBIGUOUS, true)));
		String namespace = this.properties.thirdPartyIdNamespace();
		if (query.thirdPartyId() != null) {
			if (namespace != null) {
				identityMap.put(namespace,
						List.of(new EdgeRequest.IdentityItem(query.thirdPartyId(), AUTHENTICATED, false)));
			}
			else if (this.thirdPartyIdWarned.compareAndSet(false, true)) {
				logger.warn("Requests carry a thirdPartyId but EDGE_THIRD_PARTY_ID_NAMESPACE is unset: it is not sent. "
						+ "Set it to the datastream's Target Third Party ID Namespace (such as CRMID)");
			}
		}
		return identityMap;
	}

	static TargetDecision decisionFor(EdgeResponse response, String mbox) {
		List<TargetOption> options = new ArrayList<>();
		if (response.handle() == null) {
			return new TargetDecision(options);
		}
		for (EdgeResponse.Handle handle : response.handle()) {
			if (handle == null || !DECISIONS.equals(handle.type()) || handle.payload() == null) {
				continue;
			}
			for (EdgeResponse.Proposition proposition : handle.payload()) {
				if (proposition == null || !mbox.equals(proposition.scope()) || proposition.items() == null) {
					continue;
				}
				for (EdgeResponse.Item item : proposition.items()) {
					if (item != null && item.data() != null) {
						options.add(new TargetOption(typeOf(item), item.data().content(),
								tokensOf(proposition.scopeDetails(), item.meta())));
					}
				}
			}
		}
		return new TargetDecision(options);
	}

	/** The Delivery API's option type for an Edge item: {@code json} or {@code html}. */
	private static String typeOf(EdgeResponse.Item item) {
		String format = (item.data().format() != null) ? item.data().format() : "";
		if (format.startsWith("application/json") || JSON_CONTENT_ITEM.equals(item.schema())) {
			return "json";
		}
		if (format.startsWith("text/html") || HTML_CONTENT_ITEM.equals(item.schema())) {
			return "html";
		}
		return "";
	}

	/**
	 * The response tokens the Delivery API would have sent: the activity and experience
	 * from {@code scopeDetails}, then the item's {@code meta} (the datastream's response
	 * tokens), which wins.
	 */
	private static Map<String, String> tokensOf(JsonNode scopeDetails, Map<String, JsonNode> meta) {
		Map<String, String> tokens = new LinkedHashMap<>();
		if (scopeDetails != null) {
			for (String part : List.of("activity", "experience")) {
				for (String field : List.of("id", "name")) {
					JsonNode value = scopeDetails.path(part).path(field);
					if (value.isValueNode() && !value.isNull()) {
						tokens.put(part + "." + field, value.asText());
					}
				}
			}
		}
		TokenValues.copy(meta, tokens);
		return tokens;
	}

	private TargetCallException statusFailure(HttpStatusCode status, String retryAfter) {
		int code = status.value();
		if (code == 429) {
			return TargetCallException.throttled(Failure.THROTTLED, "The Edge Network answered HTTP 429",
					RetryAfter.parse(retryAfter, this.clock));
		}
		String message = "The Edge Network answered HTTP " + code;
		if (code == 502 || code == 503 || code == 504) {
			return new TargetCallException(Failure.SERVER_ERROR, message);
		}
		if (status.is5xxServerError()) {
			return new TargetCallException(Failure.SERVER_ERROR, message).withoutRetry();
		}
		if (status.is4xxClientError()) {
			return new TargetCallException(Failure.REJECTED, message);
		}
		return new TargetCallException(Failure.INVALID_RESPONSE, message).withoutRetry();
	}

}
