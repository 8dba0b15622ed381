package io.recsbridge.identity;

/**
 * An identity could not be looked up (the service failed, or refused the bridge's
 * credential). The message never carries the identity or the service's body.
 */
public class IdentityLookupException extends RuntimeException {

	public IdentityLookupException(String message) {
		super(message);
	}

}
