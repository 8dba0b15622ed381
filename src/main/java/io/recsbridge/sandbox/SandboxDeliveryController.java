package io.recsbridge.sandbox;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.Transport;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulated Delivery API, served by this application so that the bridge's real Target
 * client (its timeouts, its metrics) runs against it. Outside {@code /v1}: Target itself
 * asks for no credentials. Parameters are optional here so that their absence is answered
 * in Adobe's error shape rather than Spring's.
 * <p>
 * The body is read as JSON whatever its {@code Content-Type} says: at.js and Adobe's
 * Target SDKs send it as {@code text/plain} (a "simple" request a browser sends without a
 * CORS preflight), and Target takes it.
 */
@RestController
@ConditionalOnTransport(Transport.SANDBOX)
class SandboxDeliveryController {

	static final String PATH = SandboxEndpoint.BASE_PATH + "/rest/v1/delivery";

	private final DeliveryEmulator emulator;

	private final ObjectMapper objectMapper;

	SandboxDeliveryController(DeliveryEmulator emulator, ObjectMapper objectMapper) {
		this.emulator = emulator;
		this.objectMapper = objectMapper;
	}

	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	EmulatedResponse deliver(@RequestParam(required = false) String client,
			@RequestParam(required = false) String sessionId, @RequestBody(required = false) byte[] body) {
		return this.emulator.deliver(client, sessionId, read(body));
	}

	private EmulatedRequest read(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			return this.objectMapper.readValue(body, EmulatedRequest.class);
		}
		catch (IOException ex) {
			throw new InvalidDeliveryRequestException("The request body is not a valid DeliveryRequest");
		}
	}

}
