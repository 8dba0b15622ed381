package io.recsbridge.security;

import java.io.IOException;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.recsbridge.system.ProblemResponses;
import io.recsbridge.system.TokenBucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per authenticated caller ({@code BRIDGE_CLIENT_RATE_LIMIT} requests a
 * second, as much again in a burst): one noisy journey cannot starve the others of
 * Target's budget. Over it, a 429 problem with {@code Retry-After}. Callers are kept by
 * their authenticated name only, in a bounded map, and never become a metric label.
 */
final class ClientRateLimitFilter extends OncePerRequestFilter {

	private static final int MAX_CALLERS = 10_000;

	private static final RequestMatcher PREVIEW = PathPatternRequestMatcher.withDefaults()
		.matcher("/v1/recommendations/*/preview");

	private final double perSecond;

	private final Ticker ticker;

	private final Cache<String, TokenBucket> buckets;

	private final ProblemResponses problems;

	ClientRateLimitFilter(double perSecond, Ticker ticker, ProblemResponses problems) {
		this.perSecond = perSecond;
		this.ticker = ticker;
		this.problems = problems;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(MAX_CALLERS)
			.expireAfterAccess(Duration.ofMinutes(10))
			.ticker(ticker)
			.build();
	}

	/**
	 * Previews have their own, stricter limit ({@code BRIDGE_PREVIEW_RATE_LIMIT}): a
	 * person trying a design never spends a journey's requests.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return PREVIEW.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller == null || !caller.isAuthenticated()) {
			chain.doFilter(request, response);
			return;
		}
		TokenBucket bucket = this.buckets.get(caller.getClass().getSimpleName() + ":" + caller.getName(),
				(name) -> new TokenBucket(this.perSecond, this.ticker.read()));
		long waitNanos = bucket.take(this.ticker.read());
		if (waitNanos == 0) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		this.problems.write(ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
				"This caller is over its request rate; retry after " + seconds + " s", request), response);
	}

}
