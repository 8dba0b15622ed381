package io.recsbridge.recommendation;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.recsbridge.security.Pseudonyms;
import io.recsbridge.system.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One INFO line per answered request, on its own logger so operators can route or mute
 * it. It names the request and what was answered, never who it was for: no ECID, no
 * identity, no key. The visitor appears only as the ECID's pseudonym ({@link Pseudonyms},
 * keyed by {@code BRIDGE_LOG_PSEUDONYM_KEY}), so one visitor's requests can be followed
 * across lines and replicas without the ECID being logged. The request id and journey id
 * come from the MDC, so every other line of the request carries them too; the other
 * fields are key-value pairs, so the structured (ECS) format carries all of them as
 * fields.
 */
final class AccessLog {

	/** {@code logging.level.io.recsbridge.access=warn} mutes it. */
	static final String LOGGER_NAME = "io.recsbridge.access";

	/** The MDC key of the caller's journey id. */
	static final String JOURNEY_ID = "journeyId";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	/**
	 * Journey ids are AJO's UUIDs; anything else a caller sends is cut down so it cannot
	 * forge a line or flood the log.
	 */
	private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:-]");

	private static final int MAX_JOURNEY_ID = 64;

	private AccessLog() {
	}

	/**
	 * Puts the journey id in the MDC for the rest of the request.
	 * @param journeyId the caller's journey id, or {@code null}
	 * @return what removes it again
	 */
	static MDC.MDCCloseable journey(String journeyId) {
		return MDC.putCloseable(JOURNEY_ID, safe(journeyId));
	}

	/**
	 * Writes the line of one answered request.
	 * @param useCase the use case
	 * @param source the answer's source label
	 * @param reason the answer's reason label, {@code ""} when all went well
	 * @param itemCount items answered
	 * @param ecid the ECID answered for, {@code ""} when none; only its pseudonym is
	 * logged
	 * @param elapsedNanos time taken to answer
	 */
	static void log(UseCase useCase, String source, String reason, int itemCount, String ecid, long elapsedNanos) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String shownReason = (reason == null || reason.isEmpty()) ? "-" : reason;
		long latencyMs = TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
		String visitor = Pseudonyms.of(ecid);
		logger.atInfo()
			.addKeyValue("useCase", useCase.name())
			.addKeyValue("source", source)
			.addKeyValue("reason", shownReason)
			.addKeyValue("itemCount", itemCount)
			.addKeyValue("visitor", visitor)
			.addKeyValue("latencyMs", latencyMs)
			.log("requestId={} useCase={} journeyId={} source={} reason={} itemCount={} visitor={} latencyMs={}",
					orDash(MDC.get(RequestIds.MDC_KEY)), useCase.name(), orDash(MDC.get(JOURNEY_ID)), source,
					shownReason, itemCount, visitor, latencyMs);
	}

	static String safe(String journeyId) {
		if (journeyId == null || journeyId.isBlank()) {
			return "-";
		}
		String safe = UNSAFE.matcher(journeyId.strip()).replaceAll("_");
		return (safe.length() > MAX_JOURNEY_ID) ? safe.substring(0, MAX_JOURNEY_ID) : safe;
	}

	private static String orDash(String value) {
		return (value != null) ? value : "-";
	}

}
