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

	SandboxBanner(Environment environment, int products) {
		this.environment = environment;
		this.products = products;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		logger.warn(text(this.environment.getProperty("local.server.port", "?"), this.products));
	}

	static String text(String port, int products) {
		return String.join(System.lineSeparator(), "",
				"************************************************************************************",
				"*  SANDBOX MODE: this service is NOT talking to Adobe Target.",
				"*  TARGET_CLIENT_CODE is unset, so recommendations come from the built-in emulator",
				"*  at http://127.0.0.1:" + port + SandboxEndpoint.BASE_PATH + " with DEMO DATA (" + products
						+ " products).",
				"*  Demo visitors (ECID): cart " + DemoVisitors.CART_VISITOR + ", browsing "
						+ DemoVisitors.BROWSING_VISITOR + ", new " + DemoVisitors.NEW_VISITOR + ".",
				"*  Demo emails (identities, namespace Email): jane@example.com (cart), sam@example.com (browsing),",
				"*  alex@example.com (new), robin@example.com (two devices: cart and browsing).",
				"*  To use a real Target: set TARGET_CLIENT_CODE (and BRIDGE_API_KEYS) and restart.",
				"************************************************************************************");
	}

}
