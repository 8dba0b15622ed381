package io.recsbridge.security;

import java.io.IOException;
import java.util.List;

import io.recsbridge.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a missing or wrong credential with a 401 problem, and a token without the
 * required scope with a 403 problem, each with a {@code WWW-Authenticate} challenge for
 * every configured scheme. The detail names where credentials go, never what was sent.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String REALM = "recs-bridge";

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

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + this.requiredScope + "\"");
		this.problems.write(ProblemResponses.problem(HttpStatus.FORBIDDEN, "Forbidden",
				"The token does not carry the required scope", request), response);
	}

}
