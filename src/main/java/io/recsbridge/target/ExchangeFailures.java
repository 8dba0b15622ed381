package io.recsbridge.target;

import java.io.IOException;

import com.fasterxml.jackson.core.JacksonException;

import io.recsbridge.system.OutboundHttp;
import io.recsbridge.target.TargetCallException.Failure;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * What an exchange that threw, rather than answered with a status, means for the breaker,
 * the retry and the metrics, the same for every transport: no answer in time, no
 * connection, or a body that could not be read (cut short, or garbage). Which of these a
 * transport retries is its own rule.
 */
final class ExchangeFailures {

	private ExchangeFailures() {
	}

	/**
	 * The failure behind a {@code RestClient} exception.
	 * @param ex what the client threw
	 * @param upstream who was called, as messages name it ("Target", "The Edge Network")
	 * @return the failure, its message naming {@code upstream}, never the body
	 */
	static TargetCallException of(RestClientException ex, String upstream) {
		if (ex instanceof ResourceAccessException) {
			if (OutboundHttp.timedOut(ex)) {
				return new TargetCallException(Failure.TIMEOUT, upstream + " did not answer in time", ex.getCause());
			}
			return new TargetCallException(Failure.UNREACHABLE, upstream + " could not be reached", ex.getCause());
		}
		// A body cut short by the read timeout surfaces as a conversion failure: it is a
		// timeout, not garbage, and the breaker and metrics should say so.
		return classify(ex, upstream + " answered with an unreadable body");
	}

	/**
	 * Tells a response that could not be read apart from one that was garbage: Jackson
	 * reports both as a conversion failure, with the I/O error, if any, among its causes.
	 */
	static TargetCallException classify(Exception conversionFailure, String garbageMessage) {
		Throwable ioFailure = null;
		for (Throwable cause = conversionFailure.getCause(); cause != null; cause = cause.getCause()) {
			if (OutboundHttp.timedOut(cause)) {
				return new TargetCallException(Failure.TIMEOUT, "Target's answer did not arrive in time", cause);
			}
			if (ioFailure == null && cause instanceof IOException && !(cause instanceof JacksonException)) {
				ioFailure = cause;
			}
		}
		if (ioFailure != null) {
			return new TargetCallException(Failure.UNREACHABLE, "Target's answer was cut off", ioFailure);
		}
		return new TargetCallException(Failure.INVALID_RESPONSE, garbageMessage);
	}

}
