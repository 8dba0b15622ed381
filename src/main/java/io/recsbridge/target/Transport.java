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
	SANDBOX

}
