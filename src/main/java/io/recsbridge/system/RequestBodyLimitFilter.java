package io.recsbridge.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with a 413 problem: by the declared length before reading
 * anything, or, for chunked bodies, as soon as the limit is passed. What passes is handed
 * on already read, so no later reader can be made to buffer more.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	/** A body of unknown length starts in this much and grows to the limit. */
	private static final int INITIAL_BUFFER = 8192;

	private final int maxBytes;

	private final ProblemResponses problems;

	RequestBodyLimitFilter(int maxBytes, ProblemResponses problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			tooLarge(request, response);
			return;
		}
		// A declared length is exact (Tomcat reads no further): read just that much
		// rather than a buffer sized for the limit.
		int declared = request.getContentLength();
		byte[] body = readAtMost(request.getInputStream(), (declared >= 0) ? declared : this.maxBytes + 1);
		if (body.length > this.maxBytes) {
			tooLarge(request, response);
			return;
		}
		chain.doFilter(new ReadBodyRequest(request, body), response);
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problems.write(ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
				"The request body is over the limit of " + this.maxBytes + " bytes", request), response);
	}

	/**
	 * Reads up to {@code limit} bytes. A read that would wait for the caller (nothing
	 * buffered yet: a slow or stalled caller) waits without the request's slot, so slow
	 * callers cannot hold the slots every other request needs.
	 */
	private static byte[] readAtMost(ServletInputStream input, int limit) throws IOException {
		byte[] body = new byte[Math.min(limit, INITIAL_BUFFER)];
		int length = 0;
		while (length < limit) {
			if (length == body.length) {
				body = Arrays.copyOf(body, (int) Math.min(limit, 2L * body.length));
			}
			int read = readWithoutHoldingASlot(input, body, length, body.length - length);
			if (read < 0) {
				break;
			}
			length += read;
		}
		return (length == body.length) ? body : Arrays.copyOf(body, length);
	}

	private static int readWithoutHoldingASlot(ServletInputStream input, byte[] buffer, int offset, int length)
			throws IOException {
		if (input.available() > 0) {
			return input.read(buffer, offset, length);
		}
		try (RequestSlots.Away away = RequestSlots.away()) {
			return input.read(buffer, offset, length);
		}
	}

	/**
	 * The request with its body already in memory.
	 */
	private static final class ReadBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream input = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return input.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return input.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return input.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body is already read");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
