package io.recsbridge.system;

import java.net.URI;
import java.net.SocketTimeoutException;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream's health is the outcome of the last call the bridge made to it.
 */
class UpstreamHealthIndicatorTests {

	private static final URI DELIVERY = URI.create("https://acme.tt.omtrdc.net/rest/v1/delivery?client=acme");

	private final UpstreamHealthIndicator indicator = new UpstreamHealthIndicator(UpstreamHealthIndicator.TARGET_PATHS);

	private static ClientRequestObservationContext call(URI uri, HttpStatus status, Throwable error) {
		ClientRequestObservationContext context = new ClientRequestObservationContext(
				new MockClientHttpRequest(HttpMethod.POST, uri));
		if (status != null) {
			context.setResponse(new MockClientHttpResponse(new byte[0], status));
		}
		context.setError(error);
		return context;
	}

	private void observe(ClientRequestObservationContext context) {
		assertThat(this.indicator.supportsContext(context)).isTrue();
		this.indicator.onStop(context);
	}

	@Test
	void beforeAnyCallTargetsHealthIsUnknown() {
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
	}

	@Test
	void aSuccessfulCallIsUp() {
		observe(call(DELIVERY, HttpStatus.OK, null));

		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("reachable", true)
			.containsEntry("lastOutcome", "http_200")
			.containsEntry("consecutiveFailures", 0L)
			.containsKey("lastCallAt");
	}

	@Test
	void aTimeoutIsDownAndUnreachableUntilACallSucceeds() {
		observe(call(DELIVERY, null,
				new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out"))));
		observe(call(DELIVERY, null, new ResourceAccessException("I/O error")));

		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reachable", false)
			.containsEntry("lastOutcome", "unreachable")
			.containsEntry("consecutiveFailures", 2L);

		observe(call(DELIVERY, HttpStatus.OK, null));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.indicator.health().getDetails()).containsEntry("consecutiveFailures", 0L);
	}

	@Test
	void aTimedOutCallSaysSo() {
		observe(call(DELIVERY, null,
				new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out"))));

		assertThat(this.indicator.health().getDetails()).containsEntry("lastOutcome", "timeout");
	}

	@Test
	void anErrorStatusIsReachableButDown() {
		observe(call(URI.create("https://server.adobedc.net/ee/v2/interact?dataStreamId=d"),
				HttpStatus.SERVICE_UNAVAILABLE, null));

		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reachable", true).containsEntry("lastOutcome", "http_503");
	}

	@Test
	void imsIsWatchedOnItsTokenPath() {
		UpstreamHealthIndicator ims = new UpstreamHealthIndicator(UpstreamHealthIndicator.IMS_PATHS);
		ClientRequestObservationContext token = call(URI.create("https://ims-na1.adobelogin.com/ims/token/v3"),
				HttpStatus.UNAUTHORIZED, null);

		assertThat(ims.supportsContext(token)).isTrue();
		assertThat(ims.supportsContext(call(DELIVERY, HttpStatus.OK, null))).isFalse();
		ims.onStop(token);
		assertThat(ims.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(ims.health().getDetails()).containsEntry("lastOutcome", "http_401");
	}

	@Test
	void imsIsReportedOnlyWhereImsCredentialsAreConfigured() {
		ApplicationContextRunner context = new ApplicationContextRunner()
			.withUserConfiguration(ObservabilityConfiguration.class);

		context.run((withoutIms) -> assertThat(withoutIms).hasBean("targetHealthIndicator")
			.doesNotHaveBean("imsHealthIndicator"));
		context.withPropertyValues("adobe.ims.client-id=client")
			.run((withIms) -> assertThat(withIms).hasBean("targetHealthIndicator").hasBean("imsHealthIndicator"));
	}

	@Test
	void callsToAnythingButTargetAreIgnored() {
		assertThat(this.indicator
			.supportsContext(call(URI.create("https://ims-na1.adobelogin.com/ims/token/v3"), HttpStatus.OK, null)))
			.isFalse();
		assertThat(this.indicator.supportsContext(new Observation.Context())).isFalse();
	}

}
