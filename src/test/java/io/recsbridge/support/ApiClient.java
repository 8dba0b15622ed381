package io.recsbridge.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Raw HTTP against the running bridge, so tests control every header and byte the way
 * AJO, curl or an attacker would send them.
 */
public final class ApiClient {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	private final String baseUrl;

	public ApiClient(int port) {
		this.port = port;
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** The bridge's port, for a test that writes HTTP by hand. */
	public int port() {
		return this.port;
	}

	public HttpResponse<String> postJson(String path, String body) {
		return send(request(path).header("X-Api-Key", TargetStandIn.API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public HttpResponse<String> get(String pathAndQuery) {
		return send(request(pathAndQuery).header("X-Api-Key", TargetStandIn.API_KEY).GET());
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(10));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
