package io.recsbridge.sandbox;

import java.util.Map;

import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.Transport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulated IMS token endpoint, {@code POST /ims/token/v3} with a form body, which the
 * bridge's real IMS token client calls on the sandbox's Edge road.
 */
@RestController
@ConditionalOnTransport(Transport.SANDBOX)
@ConditionalOnProperty(name = "sandbox.transport", havingValue = "edge")
class SandboxImsController {

	static final String BASE_PATH = "/sandbox/ims";

	static final String TOKEN_PATH = "/ims/token/v3";

	private final ImsEmulator ims;

	SandboxImsController(ImsEmulator ims) {
		this.ims = ims;
	}

	@PostMapping(path = BASE_PATH + TOKEN_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
			@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(name = "client_secret", required = false) String clientSecret) {
		return this.ims.token(grantType, clientId, clientSecret);
	}

}
