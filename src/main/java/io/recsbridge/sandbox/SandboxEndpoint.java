package io.recsbridge.sandbox;

import java.net.URI;

import io.recsbridge.target.TargetEndpoint;

import org.springframework.core.env.Environment;

/**
 * Points the bridge's Target client at the Delivery API emulator this application serves.
 */
final class SandboxEndpoint implements TargetEndpoint {

	static final String CLIENT_CODE = "sandbox";

	static final String BASE_PATH = "/sandbox/target";

	private final Environment environment;

	SandboxEndpoint(Environment environment) {
		this.environment = environment;
	}

	@Override
	public URI baseUrl() {
		return EmulatorUrls.at(this.environment, BASE_PATH);
	}

	@Override
	public String clientCode() {
		return CLIENT_CODE;
	}

}
