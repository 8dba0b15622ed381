package io.recsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.Transport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulated Edge Network Server API, served by this application so that the bridge's
 * real Edge transport and IMS token client run against it. The body is read whatever its
 * content type ({@code text/plain} is what browsers and Adobe's samples send).
 */
@RestController
@ConditionalOnTransport(Transport.SANDBOX)
@ConditionalOnProperty(name = "sandbox.transport", havingValue = "edge")
class SandboxEdgeController {

	static final String BASE_PATH = "/sandbox/edge";

	static final String PATH = BASE_PATH + "/ee/v2/interact";

	private final EdgeEmulator edge;

	SandboxEdgeController(EdgeEmulator edge) {
		this.edge = edge;
	}

	/**
	 * Adobe's guide and its own server-side client name the datastream {@code
	 * dataStreamId}; the OpenAPI spec says {@code datastreamId}. Both are read.
	 */
	@PostMapping(PATH)
	ResponseEntity<JsonNode> interact(@RequestParam(name = "dataStreamId", required = false) String dataStreamId,
			@RequestParam(name = "datastreamId", required = false) String datastreamId,
			@RequestParam(name = "requestId", required = false) String requestIdParameter,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = "x-sandbox-name", required = false) String sandboxName,
			@RequestHeader(name = "x-request-id", required = false) String requestId,
			@RequestBody(required = false) byte[] body) {
		return this.edge.interact((dataStreamId != null) ? dataStreamId : datastreamId, authorization, sandboxName,
				(requestId != null) ? requestId : requestIdParameter, body);
	}

}
