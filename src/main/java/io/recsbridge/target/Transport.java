package io.recsbridge.target;

/**
 * How the bridge reaches Adobe Target.
 */
public enum Transport {

	/**
	 * The Target Delivery API ({@code /rest/v1/delivery}): for at.js implementations.
	 */
	DELIVERY,

	/**
	 * The Experience Platform Edge Network Server API ({@code /ee/v2/interact}): the road
	 * Adobe documents for Web SDK implementations.
	 */
	EDGE,

	/** The built-in emulators, with demo data. */
	SANDBOX

}
