package io.recsbridge.peer;

import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The benchmark's peer (bench/run.sh, target {@code peer}): a plain Boot app that calls
 * Target's Delivery API for every request and answers the items it got, with none of the
 * bridge's security, metrics, resilience, validation or caching. Issue 16 asks for a peer
 * on Adobe's Java SDK; the SDK is not served by the Maven mirror this is built from, so
 * the peer calls Delivery itself, with Boot's RestClient over Apache HttpClient 5.
 */
@SpringBootApplication
public class PeerApplication {

	public static void main(String[] args) {
		SpringApplication.run(PeerApplication.class, args);
	}

	/**
	 * Target's client: a pool of keep-alive connections, sized so that no call waits for
	 * one; Apache's defaults otherwise (no timeouts of its own, as an app without
	 * resilience has none).
	 */
	@Bean
	RestClient target(RestClient.Builder builder, @Value("${target.base-url}") String baseUrl,
			@Value("${target.max-connections}") int maxConnections) {
		var pool = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(maxConnections)
			.setMaxConnPerRoute(maxConnections)
			.build();
		var client = HttpClients.custom().setConnectionManager(pool).build();
		return builder.baseUrl(baseUrl).requestFactory(new HttpComponentsClientHttpRequestFactory(client)).build();
	}

}
