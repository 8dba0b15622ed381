package io.recsbridge.target;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Target routes a session to the edge node that holds the visitor's profile and caps
 * concurrent requests per session, so each visitor gets one session id of its own, the
 * same on every call and on every replica of the bridge.
 */
final class VisitorSessions {

	private static final String NAMESPACE = "recs-bridge-session:";

	private VisitorSessions() {
	}

	/**
	 * A name-based UUID of the ECID: stable, 36 printable characters, no {@code ?} or
	 * {@code /}, and practically never the same for two visitors.
	 * @param ecid the visitor's ECID
	 * @return the visitor's session id
	 */
	static String sessionIdFor(String ecid) {
		return UUID.nameUUIDFromBytes((NAMESPACE + ecid).getBytes(StandardCharsets.UTF_8)).toString();
	}

}
