package io.recsbridge.sandbox;

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
 */
@RestController
@ConditionalOnTransport(Transport.SANDBOX)
class SandboxDeliveryController {

	static final String PATH = SandboxEndpoint.BASE_PATH + "/rest/v1/delivery";

	private final DeliveryEmulator emulator;

	SandboxDeliveryController(DeliveryEmulator emulator) {
		this.emulator = emulator;
	}

	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	EmulatedResponse deliver(@RequestParam(required = false) String client,
			@RequestParam(required = false) String sessionId, @RequestBody(required = false) EmulatedRequest request) {
		return this.emulator.deliver(client, sessionId, request);
	}

}
