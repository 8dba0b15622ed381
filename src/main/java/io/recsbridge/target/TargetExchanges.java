package io.recsbridge.target;

import java.net.URI;

/**
 * Hears what a transport sends Target and what status comes back, for the preview's
 * explanation. A send passes {@link #NONE}, whose methods do nothing: recording costs a
 * request nothing unless it asked for it. Implementations must never be given a
 * credential: transports pass the URL (which carries none) and the body, never headers.
 */
public interface TargetExchanges {

	/** Records nothing. */
	TargetExchanges NONE = new TargetExchanges() {
	};

	/**
	 * One attempt is about to be sent.
	 * @param url the request URL, without credentials
	 * @param body the request body as sent (a wire record)
	 */
	default void sent(URI url, Object body) {
	}

	/**
	 * Target answered the last attempt sent.
	 * @param status the HTTP status
	 */
	default void answered(int status) {
	}

}
