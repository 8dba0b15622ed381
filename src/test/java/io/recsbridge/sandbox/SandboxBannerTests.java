package io.recsbridge.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxBannerTests {

	@Test
	void bannerSaysItIsNotTargetAndHowToLeave() {
		String banner = SandboxBanner.text("8080", 32, SandboxProperties.Road.DELIVERY);
		assertThat(banner).contains("NOT talking to Adobe Target", "TARGET_CLIENT_CODE", "DEMO DATA",
				"http://127.0.0.1:8080/sandbox/target", DemoVisitors.CART_VISITOR, DemoVisitors.BROWSING_VISITOR,
				DemoVisitors.NEW_VISITOR);
		assertThat(banner.lines().count()).isGreaterThan(5);
	}

	@Test
	void onTheEdgeRoadTheBannerNamesTheEdgeEmulator() {
		assertThat(SandboxBanner.text("8080", 32, SandboxProperties.Road.EDGE))
			.contains("http://127.0.0.1:8080/sandbox/edge", "SANDBOX_TRANSPORT=edge")
			.doesNotContain("/sandbox/target");
	}

}
