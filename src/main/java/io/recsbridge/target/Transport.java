package io.recsbridge.target;

/**
 * How the bridge reaches Adobe Target.
 */
public enum Transport {

	/** The Target Delivery API ({@code /rest/v1/delivery}). */
	DELIVERY,

	/** The Experience Platform Edge Network Server API ({@code /ee/v2/interact}). */
	EDGE,

	/** The built-in emulator of the Delivery API, with demo data. */
	SANDBOX;

	/**
	 * The transport in force: the configured one, else the sandbox when no Target client
	 * code is configured and the Delivery API when one is.
	 * @param configured {@code target.transport}, or {@code null}
	 * @param clientCode {@code target.client-code}, or {@code null}
	 * @return the transport
	 */
	static Transport resolve(Transport configured, String clientCode) {
		if (configured != null) {
			return configured;
		}
		return (clientCode == null || clientCode.isBlank()) ? SANDBOX : DELIVERY;
	}

}
