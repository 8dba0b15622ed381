package io.recsbridge.ims;

/**
 * An Adobe API answered 401 to a call made with an IMS token: the token was revoked or
 * expired early. {@link ImsTokens#withToken} fetches a new one and calls once more.
 */
public class UpstreamUnauthorizedException extends RuntimeException {

	public UpstreamUnauthorizedException(String message) {
		super(message);
	}

}
