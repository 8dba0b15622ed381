package io.recsbridge.sandbox;

import java.net.URI;

import org.springframework.core.env.Environment;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where this application serves an emulator. The port is read on every call, not at
 * start-up: it is known only once the web server has started (and is random in tests).
 */
final class EmulatorUrls {

	private EmulatorUrls() {
	}

	static URI at(Environment environment, String path) {
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			throw new IllegalStateException("The sandbox's emulators are reachable once the web server has started");
		}
		return UriComponentsBuilder.newInstance()
			.scheme("http")
			.host("127.0.0.1")
			.port(port)
			.path(environment.getProperty("server.servlet.context-path", ""))
			.path(path)
			.build()
			.toUri();
	}

}
