package io.recsbridge.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.recsbridge.RecsBridgeApplication;
import io.recsbridge.support.ApiClient;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a pod does on SIGTERM, over the real server: readiness goes to
 * {@code REFUSING_TRAFFIC}, then the server waits for the request in flight, which still
 * gets its 200. The Target here answers only when the test lets it, so the request is
 * provably in flight while the context closes; every wait is bounded.
 */
class GracefulShutdownTests {

	private static final String ECID = "45781285307713846961427437541683283427";

	/** Generous bounds: on a busy machine a wait can take seconds, never this long. */
	private static final long WAIT_SECONDS = 30;

	private final CountDownLatch targetReached = new CountDownLatch(1);

	private final CountDownLatch targetReleased = new CountDownLatch(1);

	private final CountDownLatch gracefulShutdownCommenced = new CountDownLatch(1);

	/**
	 * Readiness changes and the graceful shutdown's start, in the order they happened.
	 */
	private final List<String> shutdownSteps = new CopyOnWriteArrayList<>();

	private final ExecutorService targetThreads = Executors.newCachedThreadPool();

	/**
	 * Spring Boot's (package-private) Tomcat graceful shutdown logs when it starts
	 * waiting.
	 */
	private final Logger gracefulShutdownLogger = (Logger) LoggerFactory
		.getLogger("org.springframework.boot.web.embedded.tomcat.GracefulShutdown");

	private final AppenderBase<ILoggingEvent> gracefulShutdownWatcher = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getFormattedMessage().startsWith("Commencing graceful shutdown")) {
				GracefulShutdownTests.this.shutdownSteps.add("graceful shutdown commenced");
				GracefulShutdownTests.this.gracefulShutdownCommenced.countDown();
			}
		}

	};

	private HttpServer target;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void startSlowTarget() throws IOException {
		this.target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.target.setExecutor(this.targetThreads);
		this.target.createContext("/rest/v1/delivery", this::answerWhenReleased);
		this.target.start();
	}

	@AfterEach
	void stopEverything() {
		this.targetReleased.countDown();
		if (this.context != null) {
			this.context.close();
		}
		this.gracefulShutdownLogger.detachAppender(this.gracefulShutdownWatcher);
		this.target.stop(0);
		this.targetThreads.shutdownNow();
	}

	@Test
	void closeRefusesTrafficThenLetsTheRequestInFlightFinish() throws Exception {
		this.context = startBridge();
		ApiClient api = new ApiClient(Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port")));

		HttpRequest.Builder request = api.request("/v1/recommendations/abandoned-cart")
			.timeout(Duration.ofSeconds(WAIT_SECONDS * 2))
			.header("X-Api-Key", TargetStandIn.API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"ecid\": \"" + ECID + "\"}"));
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> api.send(request));
		assertThat(this.targetReached.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("request reached Target").isTrue();

		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);
		assertThat(this.gracefulShutdownCommenced.await(WAIT_SECONDS, TimeUnit.SECONDS))
			.as("graceful shutdown commenced")
			.isTrue();
		assertThat(this.shutdownSteps).startsWith("readiness REFUSING_TRAFFIC", "graceful shutdown commenced");
		assertThat(inFlight).as("the request waits for Target").isNotDone();
		assertThat(closing).as("the server waits for the request").isNotDone();

		this.targetReleased.countDown();
		HttpResponse<String> response = inFlight.get(WAIT_SECONDS, TimeUnit.SECONDS);
		closing.get(WAIT_SECONDS, TimeUnit.SECONDS);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"source\":\"target\"").contains("\"hasItems\":true");
		assertThat(this.context.isActive()).isFalse();
	}

	private ConfigurableApplicationContext startBridge() {
		ApplicationListener<AvailabilityChangeEvent<?>> readiness = (event) -> {
			if (event.getState() instanceof ReadinessState state) {
				this.shutdownSteps.add("readiness " + state);
			}
		};
		// Arguments, not default properties: they must win over application.yml.
		ConfigurableApplicationContext started = new SpringApplicationBuilder(RecsBridgeApplication.class)
			.listeners(readiness)
			.run("--server.port=0", "--management.server.port=0", "--target.client-code=acme",
					"--target.base-url=http://127.0.0.1:" + this.target.getAddress().getPort(),
					"--bridge.api-keys=" + TargetStandIn.API_KEY,
					"--bridge.catalog.image-base-url=https://cdn.example.com",
					"--bridge.catalog.product-base-url=https://shop.example.com",
					// The test, not a timeout, decides when Target answers (the timeout
					// fits in
					// the deadline, as start-up requires).
					"--target.timeout=" + WAIT_SECONDS + "s", "--bridge.deadline=" + (WAIT_SECONDS * 2) + "s");
		this.shutdownSteps.clear(); // start-up's ACCEPTING_TRAFFIC is not under test
		// After start-up: Spring Boot resets Logback's configuration while it starts.
		this.gracefulShutdownWatcher.start();
		this.gracefulShutdownLogger.addAppender(this.gracefulShutdownWatcher);
		return started;
	}

	private void answerWhenReleased(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			this.targetReached.countDown();
			if (!this.targetReleased.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
				exchange.sendResponseHeaders(504, -1);
				return;
			}
			byte[] body = Fixtures.read("/io/recsbridge/target/delivery-response-cart.json")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
