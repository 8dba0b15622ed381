package io.recsbridge.recommendation;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per answered request, on its own logger so operators can route or mute
 * it. It names the request and what was answered, never who it was for: no ECID, no
 * identity, no key. The fields are also key-value pairs, so the structured (ECS) format
 * carries them as fields.
 */
final class AccessLog {

	/** {@code logging.level.io.recsbridge.access=warn} mutes it. */
	static final String LOGGER_NAME = "io.recsbridge.access";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	/**
	 * Journey ids are AJO's UUIDs; anything else a caller sends is cut down so it cannot
	 * forge a line or flood the log.
	 */
	private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:-]");

	private static final int MAX_JOURNEY_ID = 64;

	private AccessLog() {
	}

	static void log(UseCase useCase, String journeyId, EmailPayload payload, long elapsedNanos) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String journey = safe(journeyId);
		String reason = payload.reason().label().isEmpty() ? "-" : payload.reason().label();
		long latencyMs = TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
		logger.atInfo()
			.addKeyValue("useCase", useCase.name())
			.addKeyValue("journeyId", journey)
			.addKeyValue("source", payload.source().label())
			.addKeyValue("reason", reason)
			.addKeyValue("itemCount", payload.itemCount())
			.addKeyValue("latencyMs", latencyMs)
			.log("requestId={} useCase={} journeyId={} source={} reason={} itemCount={} latencyMs={}",
					payload.requestId(), useCase.name(), journey, payload.source().label(), reason, payload.itemCount(),
					latencyMs);
	}

	static String safe(String journeyId) {
		if (journeyId == null || journeyId.isBlank()) {
			return "-";
		}
		String safe = UNSAFE.matcher(journeyId.strip()).replaceAll("_");
		return (safe.length() > MAX_JOURNEY_ID) ? safe.substring(0, MAX_JOURNEY_ID) : safe;
	}

}
