package io.recsbridge.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The part of the Edge Network Server API ({@code POST /ee/v2/interact}) a server-side
 * Target integration uses, in front of the same emulated Target as the Delivery road: the
 * event's identities and {@code data.__adobe.target} parameters become a Delivery request
 * for each decision scope, and the offers come back as Edge's handles
 * ({@code personalization:decisions}, {@code locationHint:result}, {@code state:store}).
 * <p>
 * Refuses what the Edge Network refuses, in its problem+json shape: a missing or unknown
 * bearer token ({@code EXEG-0500-401}, {@code EXEG-0502-401}), a datastream that does not
 * exist in the AEP sandbox named by {@code x-sandbox-name} ({@code EXEG-0003-400}), and
 * an event it cannot read ({@code EXEG-0104-422}).
 */
final class EdgeEmulator {

	static final String JSON_CONTENT_ITEM = "https://ns.adobe.com/personalization/json-content-item";

	static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

	private static final String ERRORS = "https://ns.adobe.com/aep/errors/";

	private static final Pattern ECID = Pattern.compile("\\d{38}");

	private static final Pattern BEARER = Pattern.compile("(?i)Bearer (\\S+)");

	/** The Target edge cluster in the emulated tntIds ({@code ...28_0}). */
	private static final String TARGET_CLUSTER = "28";

	private static final int HINT_TTL_SECONDS = 1800;

	private final DeliveryEmulator target;

	private final ImsEmulator ims;

	private final ObjectMapper json;

	private final SecureRandom random = new SecureRandom();

	EdgeEmulator(DeliveryEmulator target, ImsEmulator ims, ObjectMapper json) {
		this.target = target;
		this.ims = ims;
		this.json = json;
	}

	/**
	 * Answers one interact call.
	 * @param datastreamId the {@code dataStreamId} (or {@code datastreamId}) parameter
	 * @param authorization the {@code Authorization} header
	 * @param sandboxName the {@code x-sandbox-name} header
	 * @param requestId the {@code x-request-id} header or {@code requestId} parameter
	 * @param body the request body, JSON whatever its content type
	 * @return the {@code InteractResponse} or a problem
	 */
	ResponseEntity<JsonNode> interact(String datastreamId, String authorization, String sandboxName, String requestId,
			byte[] body) {
		Matcher bearer = (authorization != null) ? BEARER.matcher(authorization.strip()) : null;
		if (bearer == null || !bearer.matches()) {
			return problem(HttpStatus.UNAUTHORIZED, "EXEG-0500-401", "Invalid authorization token",
					"The authorization header is missing or does not carry a Bearer token.", requestId);
		}
		if (this.ims.clientOf(bearer.group(1)) == null) {
			return problem(HttpStatus.UNAUTHORIZED, "EXEG-0502-401", "Invalid authorization token",
					"The authorization token is not valid.", requestId);
		}
		String sandbox = (sandboxName == null || sandboxName.isBlank()) ? EmulatedAdobeOrg.SANDBOX_NAME
				: sandboxName.strip();
		if (!EmulatedAdobeOrg.DATASTREAM_ID.equals(datastreamId) || !EmulatedAdobeOrg.SANDBOX_NAME.equals(sandbox)) {
			return problem(HttpStatus.BAD_REQUEST, "EXEG-0003-400", "Invalid datastream ID",
					"The referenced Config '" + datastreamId + ":" + sandbox + "' doesn't exist.", requestId);
		}
		JsonNode request;
		try {
			request = (body != null && body.length > 0) ? this.json.readTree(body) : null;
		}
		catch (IOException ex) {
			request = null;
		}
		JsonNode event = (request != null) ? request.path("event") : null;
		if (event == null || !event.isObject()) {
			return invalid("The request body must be a JSON object with an event", requestId);
		}
		JsonNode identityMap = event.path("xdm").path("identityMap");
		String ecid = firstId(identityMap, "ECID");
		boolean minted = ecid == null;
		if (minted) {
			// No ECID: the Edge Network mints one and says so in an identity:result
			// handle.
			ecid = newEcid();
		}
		else if (!ECID.matcher(ecid).matches()) {
			return invalid("xdm.identityMap.ECID[0].id is not a valid ECID value", requestId);
		}
		EmulatedResponse answer;
		try {
			answer = this.target.deliver(SandboxEndpoint.CLIENT_CODE, sessionFor(ecid), deliveryRequest(request, event,
					ecid, firstId(identityMap, EmulatedAdobeOrg.THIRD_PARTY_ID_NAMESPACE)));
		}
		catch (InvalidDeliveryRequestException ex) {
			return invalid(ex.getMessage(), requestId);
		}
		ObjectNode response = this.json.createObjectNode();
		response.put("requestId", responseRequestId(requestId));
		ArrayNode handles = response.putArray("handle");
		if (minted) {
			ObjectNode identity = handles.addObject().put("type", "identity:result");
			identity.putArray("payload").addObject().put("id", ecid).putObject("namespace").put("code", "ECID");
		}
		ArrayNode propositions = propositions(answer, schemas(request));
		if (!propositions.isEmpty()) {
			ObjectNode decisions = handles.addObject().put("type", "personalization:decisions").put("eventIndex", 0);
			decisions.set("payload", propositions);
		}
		ArrayNode hints = handles.addObject().put("type", "locationHint:result").putArray("payload");
		hints.addObject()
			.put("scope", "EdgeNetwork")
			.put("hint", EmulatedAdobeOrg.EDGE_CLUSTER)
			.put("ttlSeconds", HINT_TTL_SECONDS);
		hints.addObject().put("scope", "Target").put("hint", TARGET_CLUSTER).put("ttlSeconds", HINT_TTL_SECONDS);
		handles.addObject()
			.put("type", "state:store")
			.putArray("payload")
			.addObject()
			.put("key", "kndctr_" + EmulatedAdobeOrg.ORG_ID.replace('@', '_') + "_cluster")
			.put("value", EmulatedAdobeOrg.EDGE_CLUSTER)
			.put("maxAge", HINT_TTL_SECONDS);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
	}

	/**
	 * The Delivery request Target would see: every decision scope as an mbox with the
	 * event's Target parameters.
	 */
	private EmulatedRequest deliveryRequest(JsonNode request, JsonNode event, String ecid, String thirdPartyId) {
		Map<String, String> parameters = new LinkedHashMap<>();
		event.path("data").path("__adobe").path("target").fields().forEachRemaining((field) -> {
			if (field.getValue().isValueNode() && !field.getValue().isNull()) {
				parameters.put(field.getKey(), field.getValue().asText());
			}
		});
		List<EmulatedRequest.Mbox> mboxes = new ArrayList<>();
		JsonNode scopes = request.path("query").path("personalization").path("decisionScopes");
		for (JsonNode scope : scopes) {
			if (scope.isTextual()) {
				mboxes.add(new EmulatedRequest.Mbox(mboxes.size(), scope.asText(), parameters));
			}
		}
		return new EmulatedRequest(null, new EmulatedRequest.Context("web"),
				new EmulatedRequest.VisitorId(null, thirdPartyId, ecid), new EmulatedRequest.Execute(mboxes));
	}

	/**
	 * One proposition per scope that has an offer in a schema the caller asked for.
	 */
	private ArrayNode propositions(EmulatedResponse answer, List<String> schemas) {
		ArrayNode propositions = this.json.createArrayNode();
		if (answer.execute() == null || !schemas.contains(JSON_CONTENT_ITEM)) {
			return propositions;
		}
		for (EmulatedResponse.MboxResponse mbox : answer.execute().mboxes()) {
			if (mbox.options().isEmpty()) {
				continue;
			}
			Map<String, String> tokens = mbox.options().get(0).responseTokens();
			String activityId = tokens.getOrDefault("activity.id", "0");
			ObjectNode proposition = propositions.addObject();
			proposition.put("id",
					"AT:" + Base64.getEncoder()
						.encodeToString(("{\"activityId\":\"" + activityId + "\",\"experienceId\":\"0\"}")
							.getBytes(StandardCharsets.UTF_8)));
			proposition.put("scope", mbox.name());
			ObjectNode details = proposition.putObject("scopeDetails");
			details.put("decisionProvider", "TGT");
			details.putObject("activity").put("id", activityId);
			details.putObject("experience").put("id", "0");
			details.putArray("strategies").addObject().put("algorithmID", "0").put("trafficType", "0");
			details.putObject("characteristics").put("eventToken", eventToken());
			details.put("correlationID", activityId + ":0:0");
			ArrayNode items = proposition.putArray("items");
			for (EmulatedResponse.Option option : mbox.options()) {
				String id = option.responseTokens().getOrDefault("option.id", "0");
				ObjectNode item = items.addObject().put("id", id).put("schema", JSON_CONTENT_ITEM);
				ObjectNode meta = item.putObject("meta");
				option.responseTokens().forEach(meta::put);
				item.putObject("data").put("id", id).put("format", "application/json").set("content", option.content());
			}
		}
		return propositions;
	}

	/** The schemas the caller accepts; Target's default when it names none. */
	private static List<String> schemas(JsonNode request) {
		JsonNode schemas = request.path("query").path("personalization").path("schemas");
		if (!schemas.isArray() || schemas.isEmpty()) {
			return List.of(JSON_CONTENT_ITEM);
		}
		List<String> names = new ArrayList<>();
		schemas.forEach((schema) -> names.add(schema.asText()));
		return names;
	}

	private static String firstId(JsonNode identityMap, String namespace) {
		JsonNode id = identityMap.path(namespace).path(0).path("id");
		return (id.isTextual() && !id.asText().isBlank()) ? id.asText().strip() : null;
	}

	/** The Edge Network keeps one Target session per visitor, as the bridge does. */
	private static String sessionFor(String ecid) {
		return UUID.nameUUIDFromBytes(("edge:" + ecid).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** The caller's id with 16 hex characters of entropy, as the spec describes. */
	private String responseRequestId(String requestId) {
		String prefix = (requestId != null && !requestId.isBlank()) ? requestId.strip() : UUID.randomUUID().toString();
		return prefix + "-" + HexFormat.of().formatHex(randomBytes(8));
	}

	private String newEcid() {
		StringBuilder ecid = new StringBuilder(38);
		for (int i = 0; i < 38; i++) {
			ecid.append(this.random.nextInt(10));
		}
		return ecid.toString();
	}

	private String eventToken() {
		return Base64.getEncoder().encodeToString(randomBytes(48));
	}

	private byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private ResponseEntity<JsonNode> invalid(String error, String requestId) {
		ResponseEntity<JsonNode> problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "EXEG-0104-422",
				"Unprocessable entity", "Invalid request (report attached). Please check your input and try again.",
				requestId);
		((ObjectNode) problem.getBody().path("report")).putArray("errors").add(error);
		return problem;
	}

	private ResponseEntity<JsonNode> problem(HttpStatus status, String code, String title, String detail,
			String requestId) {
		ObjectNode problem = this.json.createObjectNode()
			.put("type", ERRORS + code)
			.put("status", status.value())
			.put("title", title)
			.put("detail", detail);
		problem.putObject("report")
			.put("requestId", responseRequestId(requestId))
			.put("orgId", EmulatedAdobeOrg.ORG_ID);
		return ResponseEntity.status(status).contentType(PROBLEM).body(problem);
	}

}
