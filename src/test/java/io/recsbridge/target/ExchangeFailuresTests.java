package io.recsbridge.target;

import java.io.IOException;
import java.net.SocketTimeoutException;

import com.fasterxml.jackson.core.JsonParseException;
import io.recsbridge.target.TargetCallException.Failure;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A response Jackson could not read was cut off, timed out, or was garbage: each is told
 * apart by the causes Jackson keeps.
 */
class ExchangeFailuresTests {

	@Test
	void aBodyCutByTheReadTimeoutIsATimeout() {
		RestClientException failure = new RestClientException("could not read",
				new IOException("wrapped", new SocketTimeoutException("Read timed out")));

		assertThat(ExchangeFailures.classify(failure, "garbage").failure()).isEqualTo(Failure.TIMEOUT);
	}

	@Test
	void aBodyCutOffOtherwiseIsUnreachable() {
		RestClientException failure = new RestClientException("could not read", new IOException("connection reset"));

		assertThat(ExchangeFailures.classify(failure, "garbage").failure()).isEqualTo(Failure.UNREACHABLE);
	}

	@Test
	void malformedJsonIsAnInvalidResponseWithoutItsText() {
		RestClientException failure = new RestClientException("could not read",
				new JsonParseException(null, "Unexpected character ('<') secret-echo"));

		TargetCallException classified = ExchangeFailures.classify(failure, "Target answered with an unreadable body");

		assertThat(classified.failure()).isEqualTo(Failure.INVALID_RESPONSE);
		assertThat(classified).hasMessage("Target answered with an unreadable body").hasNoCause();
	}

}
