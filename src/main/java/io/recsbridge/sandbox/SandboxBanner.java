package io.recsbridge.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Says, where nobody can miss it, that the answers are demo data and not Adobe Target: an
 * operator who forgot {@code TARGET_CLIENT_CODE} must find out from the log, not from an
 * email campaign.
 */
final class SandboxBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(SandboxBanner.class);

	private final Environment environment;

	private final int products;

	private final SandboxProperties.Road road;

	SandboxBanner(Environment environment, int products, SandboxProperties.Road road) {
		this.environment = environment;
		this.products = products;
		this.road = road;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		logger.warn(text(this.environment.getProperty("local.server.port", "?"), this.products, this.road));
	}

	static String text(String port, int products, SandboxProperties.Road road) {
		String emulator = (road == SandboxProperties.Road.EDGE)
				? "the Edge Network emulator at http://127.0.0.1:" + port + SandboxEdgeController.BASE_PATH
						+ " (SANDBOX_TRANSPORT=edge: real Edge transport, emulated IMS tokens)"
				: "the Delivery API emulator at http://127.0.0.1:" + port + SandboxEndpoint.BASE_PATH;
		return String.join(System.lineSeparator(), "",
				"************************************************************************************",
				"*  SANDBOX MODE: this service is NOT talking to Adobe Target.",
				"*  TARGET_CLIENT_CODE and EDGE_DATASTREAM_ID are unset, so recommendations come from",
				"*  " + emulator + ", with DEMO DATA (" + products + " products).",
				"*  Demo visitors (ECID): cart " + DemoVisitors.CART_VISITOR + ", browsing "
						+ DemoVisitors.BROWSING_VISITOR + ", new " + DemoVisitors.NEW_VISITOR + ".",
				"*  Demo emails (identities, namespace Email): jane@example.com (cart), sam@example.com (browsing),",
				"*  alex@example.com (new), robin@example.com (two devices: cart and browsing).",
				"*  To use a real Target: set EDGE_DATASTREAM_ID and ADOBE_IMS_* (Web SDK sites) or",
				"*  TARGET_CLIENT_CODE (at.js sites), and BRIDGE_API_KEYS, and restart.",
				"************************************************************************************");
	}

}
