package io.recsbridge.target;

import java.io.IOException;

import com.fasterxml.jackson.core.JacksonException;

import io.recsbridge.system.OutboundHttp;
import io.recsbridge.target.TargetCallException.Failure;

/**
 * Tells a response that could not be read apart from one that was garbage: Jackson
 * reports both as a conversion failure, with the I/O error, if any, among its causes.
 */
final class ReadFailures {

	private ReadFailures() {
	}

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
