package io.recsbridge.recommendation;

import jakarta.servlet.http.HttpServletRequest;

/**
 * When a request arrived: when Tomcat began reading it ({@link AdmissionValve} stamps
 * it), so the deadline counts the time it waited in the server before the controller ran.
 */
final class Arrival {

	static final String ATTRIBUTE = Arrival.class.getName() + ".nanos";

	private Arrival() {
	}

	/**
	 * The request's arrival on the {@link System#nanoTime()} clock, or now where no valve
	 * stamped it (a servlet container other than the bridge's own, a test slice).
	 * @param request the request
	 * @return the arrival
	 */
	static long of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof Long nanos) ? nanos : System.nanoTime();
	}

}
