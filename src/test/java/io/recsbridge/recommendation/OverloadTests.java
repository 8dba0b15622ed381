package io.recsbridge.recommendation;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.TargetStandIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's own overload, over real HTTP: the deadline counts from the request's
 * arrival in the server, a request whose budget is spent before the controller is
 * answered at once, and past {@code BRIDGE_MAX_IN_FLIGHT} the door answers 429
 * {@code overloaded}. Requests are held where a busy server would hold them (between
 * Tomcat and the controller) by a test filter.
 */
@TestPropertySource(properties = "bridge.max-in-flight=2")
@Import(OverloadTests.HoldBeforeTheController.class)
class OverloadTests extends BridgeAgainstTargetStandIn {

	private static final String PATH = "/v1/recommendations/abandoned-cart";

	/** Holds a request this many milliseconds before the controller. */
	static final String HOLD_MS = "X-Test-Hold-Ms";

	/** Holds a request until {@link #release} opens. */
	static final String HOLD = "X-Test-Hold";

	static volatile CountDownLatch held = new CountDownLatch(0);

	static volatile CountDownLatch release = new CountDownLatch(0);

	@Autowired
	private MeterRegistry registry;

	@AfterEach
	void releaseHeldRequests() {
		release.countDown();
	}

	@Test
	void aRequestHeldPastItsBudgetBeforeTheControllerIsAnsweredAtOnceWithoutCallingTarget() throws Exception {
		stubTarget(Duration.ZERO);
		double overloadedBefore = overloaded();

		HttpResponse<String> response = send(hold(HOLD_MS, "750"), 1);

		assertOverloaded(response);
		assertThat(this.target.getAllServeEvents()).as("Target was not asked").isEmpty();
		assertThat(overloaded() - overloadedBefore).isEqualTo(1);
	}

	@Test
	void theDeadlineCountsFromArrivalNotFromTheController() throws Exception {
		// Counted from the controller, a 450 ms Target would fit in the 680 ms the
		// request waits; counted from arrival, 400 ms of it are already gone.
		stubTarget(Duration.ofMillis(450));

		HttpResponse<String> response = send(hold(HOLD_MS, "400"), 2);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode payload = this.objectMapper.readTree(response.body());
		assertThat(payload.get("source").asText()).isEqualTo("fallback");
		assertThat(payload.get("reason").asText()).isEqualTo("target-unavailable");
	}

	@Test
	void aRequestHeldWithinItsBudgetIsAnsweredByTarget() throws Exception {
		stubTarget(Duration.ZERO);

		HttpResponse<String> response = send(hold(HOLD_MS, "50"), 3);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.objectMapper.readTree(response.body()).get("source").asText()).isEqualTo("target");
	}

	@Test
	void pastTheInFlightBoundTheDoorAnswers429OverloadedAtOnce() throws Exception {
		stubTarget(Duration.ZERO);
		held = new CountDownLatch(2);
		release = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> inFlight = IntStream.range(0, 2)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> send(hold(HOLD, "latch"), 10 + i)))
			.toList();
		assertThat(held.await(10, TimeUnit.SECONDS)).as("both requests are in flight").isTrue();
		double overloadedBefore = overloaded();

		HttpResponse<String> refused = send(this.api.request(PATH), 12);
		HttpResponse<String> unauthenticated = this.api.send(this.api.request(PATH)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));

		assertOverloaded(refused);
		assertThat(refused.headers().firstValue("X-Request-Id")).isPresent();
		assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(refused.body()).contains("\"instance\":\"/v1/recommendations/abandoned-cart\"");
		// Turned away before authentication or the body is looked at.
		assertOverloaded(unauthenticated);
		assertThat(overloaded() - overloadedBefore).isEqualTo(2);

		release.countDown();
		inFlight.forEach((call) -> assertThat(call.join().statusCode()).isIn(200, 429));
		assertThat(send(this.api.request(PATH), 13).statusCode()).as("the bound is free again").isEqualTo(200);
	}

	@Test
	void theNextRequestOfAConnectionCountsFromWhenTomcatReadsItNotFromTheLastOnesHandOver() throws Exception {
		// Two requests written at once on one connection: Tomcat reads the second on the
		// thread it handed the first to, once the first is answered. The first spends
		// its budget held; the second still has its own.
		stubTarget(Duration.ZERO);
		String first = rawRequest(Map.of(HOLD_MS, "750"), 20);
		String second = rawRequest(Map.of(), 21);

		List<String> statusLines = new ArrayList<>();
		try (Socket socket = new Socket("127.0.0.1", this.api.port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write((first + second).getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < 2; i++) {
				statusLines.add(readResponse(in));
			}
		}

		assertThat(statusLines.get(0)).as("the held request").startsWith("HTTP/1.1 429");
		assertThat(statusLines.get(1)).as("the next one, read after it").startsWith("HTTP/1.1 200");
		assertThat(this.target.getAllServeEvents()).as("Target was asked for the second").hasSize(1);
	}

	private static String rawRequest(Map<String, String> headers, int visitor) {
		String body = "{\"ecid\": \"%038d\"}".formatted(visitor);
		StringBuilder request = new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\n")
			.append("X-Api-Key: ")
			.append(TargetStandIn.API_KEY)
			.append("\r\n")
			.append("Content-Type: application/json\r\nContent-Length: ")
			.append(body.length())
			.append("\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		return request.append("\r\n").append(body).toString();
	}

	/** Reads one response (its body sized or chunked); returns its status line. */
	private static String readResponse(InputStream in) throws IOException {
		String statusLine = readLine(in);
		int length = 0;
		boolean chunked = false;
		for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
			if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
				length = Integer.parseInt(header.substring(15).trim());
			}
			chunked |= header.equalsIgnoreCase("Transfer-Encoding: chunked");
		}
		if (!chunked) {
			assertThat(in.readNBytes(length)).hasSize(length);
			return statusLine;
		}
		for (int chunk = Integer.parseInt(readLine(in), 16); chunk > 0; chunk = Integer.parseInt(readLine(in), 16)) {
			assertThat(in.readNBytes(chunk)).hasSize(chunk);
			readLine(in);
		}
		readLine(in);
		return statusLine;
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			assertThat(c).as("the connection stays open").isNotNegative();
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	private void assertOverloaded(HttpResponse<String> response) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.objectMapper.readTree(response.body());
		assertThat(problem.get("type").asText()).isEqualTo("urn:problem-type:recs-bridge:overloaded");
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("title").asText()).isEqualTo("Overloaded");
	}

	private void stubTarget(Duration delay) {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))
				.withFixedDelay((int) delay.toMillis())));
	}

	private HttpRequest.Builder hold(String header, String value) {
		return this.api.request(PATH).header(header, value);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, int visitor) {
		return this.api.send(request.header("X-Api-Key", TargetStandIn.API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"ecid\": \"%038d\"}".formatted(visitor))));
	}

	private double overloaded() {
		Counter counter = this.registry.find("recs.bridge.requests")
			.tags("use_case", "abandoned-cart", "source", "none", "reason", "overloaded")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Holds requests after Tomcat has read them and before the controller, as a busy
	 * server's queue would.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class HoldBeforeTheController {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> holdBeforeTheController() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							try {
								if (request.getHeader(HOLD_MS) != null) {
									// The time queued is the test's input, not a wait for
									// a condition: the bridge must count it against the
									// deadline.
									Thread.sleep(Long.parseLong(request.getHeader(HOLD_MS)));
								}
								if (request.getHeader(HOLD) != null) {
									held.countDown();
									release.await(10, TimeUnit.SECONDS);
								}
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
							chain.doFilter(request, response);
						}

					});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
