package io.recsbridge.system;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes a problem from a servlet filter, before Spring MVC is reached, in the same shape
 * as {@link ProblemHandler}'s.
 */
@Component
public class ProblemResponses {

	static final String NOSNIFF_HEADER = "X-Content-Type-Options";

	private final ObjectMapper objectMapper;

	ProblemResponses(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * A problem for the status, with the request path as its instance.
	 * @param status the status
	 * @param title the title
	 * @param detail the detail, safe to show to the caller
	 * @param request the request
	 * @return the problem
	 */
	public static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemTypes.problem(status, title, detail);
		problem.setInstance(java.net.URI.create(Paths.safeInstance(request.getRequestURI())));
		return problem;
	}

	/**
	 * Writes the problem as {@code application/problem+json}, not to be stored nor
	 * sniffed, whichever filter writes it.
	 * @param problem the problem
	 * @param response where to write it
	 * @throws IOException if the response cannot be written
	 */
	public void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
		response.setStatus(problem.getStatus());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(NOSNIFF_HEADER, "nosniff");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.objectMapper.writeValue(response.getOutputStream(), problem);
	}

}
