package io.recsbridge.security;

import java.io.IOException;
import java.util.List;

import io.recsbridge.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a missing or wrong credential with a 401 problem, and a token without the
 * required scope with a 403 problem, each with a {@code WWW-Authenticate} challenge for
 * every configured scheme. The detail names where credentials go, never what was sent. A
 * bearer token that cannot be checked at all (the identity provider's keys unreachable)
 * is a 503 problem: neither the caller's fault nor a 500.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

	static final String REALM = "recs-bridge";

	private static final Logger logger = LoggerFactory.getLogger(ProblemEntryPoint.class);

	private final ProblemResponses problems;

	private final List<String> challenges;

	private final String detail;

	private final String requiredScope;

	ProblemEntryPoint(ProblemResponses problems, List<String> challenges, String detail, String requiredScope) {
		this.problems = problems;
		this.challenges = challenges;
		this.detail = detail;
		this.requiredScope = requiredScope;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		boolean badToken = authException instanceof OAuth2AuthenticationException
				|| authException instanceof InvalidBearerTokenException;
		for (String challenge : this.challenges) {
			if (badToken && challenge.startsWith("Bearer")) {
				challenge = challenge + ", error=\"invalid_token\"";
			}
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		this.problems.write(ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
				badToken ? "The bearer token is not valid" : this.detail, request), response);
	}

	/**
	 * A bearer token the filter could not judge: an
	 * {@link AuthenticationServiceException} (Spring Security would rethrow it as a 500)
	 * means the JWK set could not be fetched.
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		if (!(failure instanceof AuthenticationServiceException)) {
			commence(request, response, failure);
			return;
		}
		logger.warn("A bearer token could not be checked: the identity provider's key set is unavailable");
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		this.problems.write(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "Credentials cannot be checked",
				"The identity provider's keys are unavailable; retry shortly", request), response);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + this.requiredScope + "\"");
		this.problems.write(ProblemResponses.problem(HttpStatus.FORBIDDEN, "Forbidden",
				"The token does not carry the required scope", request), response);
	}

}
