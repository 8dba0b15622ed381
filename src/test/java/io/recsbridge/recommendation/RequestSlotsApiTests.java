package io.recsbridge.recommendation;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One request thread running at a time ({@code BRIDGE_MAX_RUNNING=1}), over real HTTP: a
 * request waiting on Target or on a caller slow to send its body does not hold the slot,
 * so the next request runs meanwhile.
 */
@TestPropertySource(properties = "bridge.max-running=1")
class RequestSlotsApiTests extends BridgeAgainstTargetStandIn {

	private static final String PATH = "/v1/recommendations/abandoned-cart";

	@Autowired
	private MeterRegistry registry;

	@Test
	void requestsWaitingOnTargetDoNotHoldTheSlot() {
		// One after the other, two 400 ms waits would leave the second past its
		// deadline (a fallback); away from the slot, both wait at once.
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(
				okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json")).withFixedDelay(400)));

		List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 2)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> this.api.postJson(PATH, ecid(40 + i))))
			.toList();

		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			HttpResponse<String> response = answer.join();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"source\":\"target\"");
		}
	}

	@Test
	void aCallerSlowToSendItsBodyDoesNotHoldTheSlot() throws Exception {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));
		List<Socket> stalled = new ArrayList<>();
		try {
			// Two callers send their headers and part of a body, then nothing more.
			for (int i = 0; i < 2; i++) {
				Socket socket = new Socket("127.0.0.1", this.api.port());
				stalled.add(socket);
				String body = ecid(50 + i);
				OutputStream out = socket.getOutputStream();
				out.write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + TargetStandIn.API_KEY
						+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
						+ body.substring(0, 5))
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			await().atMost(10, TimeUnit.SECONDS).until(() -> inFlight() == 2);

			HttpResponse<String> answered = this.api.send(this.api.request(PATH)
				.timeout(Duration.ofSeconds(5))
				.header("X-Api-Key", TargetStandIn.API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(ecid(52))));

			assertThat(answered.statusCode()).isEqualTo(200);
			assertThat(answered.body()).contains("\"source\":\"target\"");
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	private double inFlight() {
		Gauge gauge = this.registry.find("recs.bridge.requests.in.flight").gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	private static String ecid(int visitor) {
		return "{\"ecid\": \"%038d\"}".formatted(visitor);
	}

}
