package io.recsbridge.ims;

/**
 * Adobe IMS gave no token. The message says how it failed, never what IMS answered.
 */
public class ImsException extends RuntimeException {

	private final boolean rejected;

	ImsException(String message, boolean rejected, Throwable cause) {
		super(message, cause);
		this.rejected = rejected;
	}

	/**
	 * Whether IMS refused the credential itself (a 4xx): asking again will not help until
	 * the configuration changes.
	 * @return {@code true} for a refusal, {@code false} for an outage
	 */
	public boolean rejected() {
		return this.rejected;
	}

}
