package io.recsbridge.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards to {@code /error} (failures outside Spring MVC)
 * answers as a problem too, instead of Boot's default error body.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = statusOf(request);
		ProblemDetail problem = ProblemResponses.problem(status, ProblemTypes.titleFor(status),
				(status.is5xxServerError()) ? "The request could not be answered" : ProblemTypes.titleFor(status),
				request);
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		problem.setInstance(java.net.URI.create(Paths.safeInstance((path != null) ? path.toString() : "/")));
		// Forwarded errors (the firewall's, the container's) skip Spring Security's
		// header writer.
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.header(ProblemResponses.NOSNIFF_HEADER, "nosniff")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
