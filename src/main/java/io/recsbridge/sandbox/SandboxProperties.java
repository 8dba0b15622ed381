package io.recsbridge.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sandbox is reached. Environment variables {@code SANDBOX_*} bind here.
 *
 * @param transport the road the bridge's real Target client takes to the built-in
 * emulators ({@code SANDBOX_TRANSPORT}): {@code delivery}, the Delivery API emulator;
 * {@code edge}, the Edge Network Server API emulator behind an emulated Adobe IMS, so the
 * real Edge transport and IMS token client run end to end without an Adobe account
 */
@ConfigurationProperties("sandbox")
record SandboxProperties(@DefaultValue("delivery") Road transport) {

	/**
	 * The emulated Adobe API the bridge calls.
	 */
	enum Road {

		/** The Target Delivery API, {@code /rest/v1/delivery}. */
		DELIVERY,

		/** The Edge Network Server API, {@code /ee/v2/interact}, with IMS tokens. */
		EDGE

	}

}
