package io.recsbridge.sandbox;

import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.Transport;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the emulator's refusals as Target does, {@code {"status": 400, "message":
 * ...}}, ahead of the application's problem handler, which speaks for the bridge's own
 * API.
 */
@RestControllerAdvice(assignableTypes = SandboxDeliveryController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnTransport(Transport.SANDBOX)
class SandboxDeliveryErrors {

	@ExceptionHandler
	ResponseEntity<EmulatedResponse.Error> invalid(InvalidDeliveryRequestException ex) {
		return badRequest(ex.getMessage());
	}

	private static ResponseEntity<EmulatedResponse.Error> badRequest(String message) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(new EmulatedResponse.Error(HttpStatus.BAD_REQUEST.value(), message));
	}

}
