package io.recsbridge.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import io.recsbridge.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through only with one of the configured API keys, in the configured
 * header (or query parameter, where enabled). Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, against every key, so the time taken tells nothing about
 * how much of a key was right, nor which key matched.
 */
class ApiKeyFilter extends OncePerRequestFilter {

	private final List<byte[]> keyDigests;

	private final String header;

	private final String queryParam;

	private final ProblemResponses problems;

	ApiKeyFilter(List<String> keys, String header, String queryParam, ProblemResponses problems) {
		this.keyDigests = keys.stream().map(ApiKeyFilter::digest).toList();
		this.header = header;
		this.queryParam = queryParam;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (accepted(request.getHeader(this.header))
				|| (this.queryParam != null && accepted(request.getParameter(this.queryParam)))) {
			chain.doFilter(request, response);
			return;
		}
		this.problems.write(ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
				"A valid API key is required in the " + this.header + " header", request), response);
	}

	private boolean accepted(String presented) {
		if (presented == null || presented.isEmpty()) {
			return false;
		}
		byte[] candidate = digest(presented);
		boolean match = false;
		for (byte[] key : this.keyDigests) {
			match |= MessageDigest.isEqual(key, candidate);
		}
		return match;
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
