package io.recsbridge.system;

import java.net.SocketTimeoutException;
import java.time.Duration;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.util.TimeValue;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.web.client.RestClient;

/**
 * The one way the bridge calls out (Target, the Edge Network, IMS, the Identity Service):
 * Boot's {@link RestClient.Builder} (its Jackson setup and client metrics) over Apache
 * HttpClient 5, blocking on the calling virtual thread, over a pool of keep-alive
 * connections. The JDK client it replaced hands every exchange to its selector thread and
 * executor and back; the benchmark measured a third of the bridge's CPU per uncached
 * request go with it (BENCHMARKS.md).
 */
public final class OutboundHttp {

	private static final TimeValue IDLE_CONNECTION_LIFE = TimeValue.ofSeconds(30);

	private OutboundHttp() {
	}

	/**
	 * A client with {@code timeout} as connect and read timeout, holding at most
	 * {@code maxConnections} connections to each host (and in all), so that as many calls
	 * at once never wait for a connection.
	 * @param builder Boot's builder
	 * @param timeout the connect and read timeout
	 * @param maxConnections the pool's size
	 * @return the client
	 */
	public static RestClient restClient(RestClient.Builder builder, Duration timeout, int maxConnections) {
		ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults()
			.withConnectTimeout(timeout)
			.withReadTimeout(timeout);
		return builder.requestFactory(ClientHttpRequestFactoryBuilder.httpComponents()
			// Retries are the callers' (resilience4j's, within the deadline): left on,
			// Apache's own repeated Target calls (ResilienceTests counted them twice).
			// A burst's connections (and their buffers) do not stay pooled for good.
			.withHttpClientCustomizer(
					(client) -> client.disableAutomaticRetries().evictIdleConnections(IDLE_CONNECTION_LIFE))
			.withConnectionManagerCustomizer(
					(pool) -> pool.setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections))
			.build(settings))
			// A request thread calling Adobe (the sandbox's calls to itself too) waits
			// for the answer's headers without its slot: the slots go to requests that
			// need the CPU, and the sandbox's own requests can run.
			.requestInterceptor((request, body, execution) -> {
				try (RequestSlots.Away away = RequestSlots.away()) {
					return execution.execute(request, body);
				}
			})
			.build();
	}

	/**
	 * Whether a call failed because a timeout ran out (connecting or waiting for bytes),
	 * rather than because the peer refused or broke the connection.
	 * @param failure the failure, its causes searched
	 * @return {@code true} for a timeout
	 */
	public static boolean timedOut(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException || cause instanceof ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

}
