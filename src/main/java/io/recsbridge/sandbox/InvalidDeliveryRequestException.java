package io.recsbridge.sandbox;

/**
 * A request the real Delivery API would refuse with HTTP 400. The message is Adobe-style
 * and names the field, never the value sent.
 */
class InvalidDeliveryRequestException extends RuntimeException {

	InvalidDeliveryRequestException(String message) {
		super(message);
	}

}
