package io.recsbridge.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponse;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the API answers, Spring's own included, as an RFC 9457 problem with a
 * stable {@code type}: field problems listed in {@code errors}, and never a stack trace,
 * a class name, an upstream body or what the caller sent.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	/** Our own words for Spring's problems, whose defaults echo the request. */
	private static final Map<Integer, String> DETAILS = Map.of(400, "The request is not valid", 404,
			"No resource at this path", 405, "This endpoint answers POST and GET", 406,
			"This endpoint answers application/json", 413, "The request body is over the limit", 415,
			"Send the body as application/json", 500, "The request could not be answered");

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, invalid(fieldErrors(ex.getBindingResult())), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach((result) -> result.getResolvableErrors()
				.forEach((error) -> errors
					.add(new FieldProblem(result.getMethodParameter().getParameterName(), safeMessage(error)))));
		return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, unreadable(ex.getCause()), headers, status, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure answering a request", ex);
		return handleExceptionInternal(ex, null, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		// Our own ErrorResponseExceptions carry their problem (type, title, detail);
		// Spring passes no body for them.
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail
				: (ex instanceof ErrorResponse response) ? response.getBody() : ProblemDetail.forStatus(statusCode);
		if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
			// Spring's own problem: our type and words instead of its defaults.
			problem.setType(ProblemTypes.typeFor(statusCode));
			problem.setTitle(ProblemTypes.titleFor(statusCode));
			problem.setDetail(DETAILS.getOrDefault(statusCode.value(), ProblemTypes.titleFor(statusCode)));
		}
		if (request instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
			problem.setInstance(URI.create(Paths.safeInstance(servletRequest.getRequestURI())));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private static ProblemDetail invalid(List<FieldProblem> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid fields");
		problem.setType(ProblemTypes.typeFor(HttpStatus.BAD_REQUEST));
		problem.setTitle("Invalid request");
		List<FieldProblem> sorted = new ArrayList<>(errors);
		sorted.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
		problem.setProperty("errors", sorted);
		return problem;
	}

	/**
	 * Names the field and what it should have been when Jackson knows, without repeating
	 * Jackson's message (it quotes the input and names Java types).
	 */
	private static ProblemDetail unreadable(Throwable cause) {
		if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			String message = (mapping instanceof MismatchedInputException mismatch)
					? JsonPaths.expectation(mismatch.getTargetType()) : "is out of range or of the wrong type";
			return invalid(List.of(new FieldProblem(JsonPaths.of(mapping.getPath()), message)));
		}
		String detail;
		if (cause instanceof StreamConstraintsException) {
			detail = "The request body nests too deeply or has a value too long";
		}
		else if (cause instanceof JsonParseException || cause instanceof JsonMappingException) {
			detail = "The request body is not valid JSON of the expected shape";
		}
		else {
			detail = "A JSON request body is required";
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(ProblemTypes.typeFor(HttpStatus.BAD_REQUEST));
		problem.setTitle("Unreadable request");
		return problem;
	}

	private static List<FieldProblem> fieldErrors(BindingResult result) {
		List<FieldProblem> errors = new ArrayList<>();
		for (FieldError error : result.getFieldErrors()) {
			errors.add(new FieldProblem(error.getField(), safeMessage(error)));
		}
		result.getGlobalErrors().forEach((error) -> errors.add(new FieldProblem("", safeMessage(error))));
		return errors;
	}

	/**
	 * Constraint messages are ours or Hibernate Validator's; a conversion failure's
	 * message names Java types, so it is replaced.
	 */
	private static String safeMessage(MessageSourceResolvable error) {
		String[] codes = error.getCodes();
		if (codes != null && codes.length > 0 && codes[codes.length - 1].startsWith("typeMismatch")) {
			return "has the wrong type";
		}
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	/**
	 * One invalid field.
	 *
	 * @param field the field's path, such as {@code cartItems[0].price}
	 * @param message what is wrong with it
	 */
	record FieldProblem(String field, String message) {
	}

}
