package io.recsbridge.target;

import java.io.IOException;
import java.net.http.HttpTimeoutException;

import io.recsbridge.target.TargetCallException.Failure;

/**
 * Tells a response that could not be read apart from one that was garbage: Jackson
 * reports both as a conversion failure, with the I/O error, if any, among its causes.
 */
final class ReadFailures {

	private ReadFailures() {
	}

	static TargetCallException classify(Exception conversionFailure, String garbageMessage) {
		for (Throwable cause = conversionFailure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException) {
				return new TargetCallException(Failure.TIMEOUT, "Target's answer did not arrive in time", cause);
			}
			if (cause instanceof IOException && !(cause instanceof com.fasterxml.jackson.core.JacksonException)) {
				return new TargetCallException(Failure.UNREACHABLE, "Target's answer was cut off", cause);
			}
		}
		return new TargetCallException(Failure.INVALID_RESPONSE, garbageMessage);
	}

}
