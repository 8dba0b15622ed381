package io.recsbridge.recommendation;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;

import io.recsbridge.system.RequestIds;
import io.recsbridge.system.RequestSlots;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The API's door, in Tomcat's pipeline before any filter (authentication, body reading,
 * Spring MVC): stamps each request with its arrival (when Tomcat handed its bytes to a
 * thread, else, as for the next request of a connection read on the same thread, when
 * Tomcat began reading it), and turns a request away with a ready-made 429
 * {@code overloaded} problem when {@code BRIDGE_MAX_IN_FLIGHT} requests are already being
 * answered, or when it waited for its turn longer than {@code BRIDGE_MAX_QUEUE_WAIT}.
 * Nothing of the request past its line and headers is read for that.
 */
final class AdmissionValve extends ValveBase {

	/** The API's paths; the sandbox emulator and {@code /error} are never turned away. */
	private static final String API = "/v1/";

	private static final String USE_CASES = "/v1/recommendations/";

	private final Semaphore inFlight;

	private final int maxInFlight;

	private final long patienceNanos;

	/** The body of the refusal, by use case, and for any other API path. */
	private final Map<String, byte[]> refusals;

	private final byte[] otherRefusal;

	private final RecommendationMetrics metrics;

	/**
	 * @param maxInFlight requests answered at once, at most
	 * @param patienceNanos how long after arrival a request is still worth starting
	 * @param refusals the problem's JSON by use case name
	 * @param otherRefusal the problem's JSON for other API paths
	 * @param metrics where refusals of configured use cases are counted
	 */
	AdmissionValve(int maxInFlight, long patienceNanos, Map<String, byte[]> refusals, byte[] otherRefusal,
			RecommendationMetrics metrics) {
		super(true);
		this.inFlight = new Semaphore(maxInFlight);
		this.maxInFlight = maxInFlight;
		this.patienceNanos = patienceNanos;
		this.refusals = refusals;
		this.otherRefusal = otherRefusal;
		this.metrics = metrics;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		long started = request.getCoyoteRequest().getStartTimeNanos();
		// Taken by every request, so that the hand-over is only ever the first one's.
		long arrival = RequestSlots.takeHandedOverOr((started > 0) ? started : System.nanoTime());
		String path = request.getRequestURI();
		if (path == null || !path.startsWith(API)) {
			getNext().invoke(request, response);
			return;
		}
		request.setAttribute(Arrival.ATTRIBUTE, arrival);
		if (System.nanoTime() - arrival > this.patienceNanos || !this.inFlight.tryAcquire()) {
			refuse(path, arrival, response);
			return;
		}
		try {
			getNext().invoke(request, response);
		}
		finally {
			this.inFlight.release();
		}
	}

	/** Requests being answered now, for the gauge. */
	int inFlight() {
		return this.maxInFlight - this.inFlight.availablePermits();
	}

	private void refuse(String path, long arrival, Response response) throws IOException {
		String useCase = useCaseOf(path);
		byte[] body = (useCase != null) ? this.refusals.get(useCase) : null;
		if (body == null) {
			body = this.otherRefusal;
		}
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Overload.RETRY_AFTER_SECONDS);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader(RequestIds.HEADER, RequestIds.accept(response.getRequest().getHeader(RequestIds.HEADER)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		if (useCase != null && this.refusals.containsKey(useCase)) {
			this.metrics.recordOverloaded(useCase, System.nanoTime() - arrival);
		}
	}

	/** The use case segment of {@code /v1/recommendations/{useCase}[/...]}, if any. */
	private static String useCaseOf(String path) {
		if (!path.startsWith(USE_CASES)) {
			return null;
		}
		int end = path.indexOf('/', USE_CASES.length());
		return path.substring(USE_CASES.length(), (end < 0) ? path.length() : end);
	}

}
