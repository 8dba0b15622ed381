package io.recsbridge.sandbox;

import java.net.URI;

import io.recsbridge.target.TargetEndpoint;

import org.springframework.core.env.Environment;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Points the bridge's Target client at the emulator this application serves. The port is
 * read on every call, not at start-up: it is known only once the web server has started
 * (and is random in tests).
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
		String port = this.environment.getProperty("local.server.port");
		if (port == null) {
			throw new IllegalStateException("The sandbox Target is reachable once the web server has started");
		}
		return UriComponentsBuilder.newInstance()
			.scheme("http")
			.host("127.0.0.1")
			.port(port)
			.path(this.environment.getProperty("server.servlet.context-path", ""))
			.path(BASE_PATH)
			.build()
			.toUri();
	}

	@Override
	public String clientCode() {
		return CLIENT_CODE;
	}

}
