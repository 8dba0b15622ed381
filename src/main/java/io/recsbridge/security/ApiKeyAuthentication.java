package io.recsbridge.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * API keys, in the configured header or (where enabled) query parameter. Keys are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every key, so
 * the time taken tells nothing about how much of a key was right, nor which key matched.
 * An authenticated caller is named by the key's position ({@code api-key-1}), never by
 * the key.
 */
final class ApiKeyAuthentication implements AuthenticationConverter, AuthenticationProvider {

	private final List<byte[]> keyDigests;

	private final String header;

	private final String queryParam;

	ApiKeyAuthentication(List<String> keys, String header, String queryParam) {
		this.keyDigests = keys.stream().map(ApiKeyAuthentication::digest).toList();
		this.header = header;
		this.queryParam = InboundAuthProperties.hasText(queryParam) ? queryParam.strip() : null;
	}

	/**
	 * The presented key, from the header or else the query string; never from a form
	 * body, which would mean reading a stranger's body.
	 */
	@Override
	public Authentication convert(HttpServletRequest request) {
		String key = request.getHeader(this.header);
		if ((key == null || key.isEmpty()) && this.queryParam != null) {
			key = fromQuery(request.getQueryString());
		}
		return (key == null || key.isEmpty()) ? null : new Token(key);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		int matched = match((String) authentication.getCredentials());
		if (matched == 0) {
			throw new BadCredentialsException("Invalid API key");
		}
		return new Token(matched);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return Token.class.isAssignableFrom(authentication);
	}

	/**
	 * The 1-based position of the matching key, or 0; every key is compared.
	 */
	int match(String presented) {
		byte[] candidate = digest(presented);
		int matched = 0;
		for (int i = 0; i < this.keyDigests.size(); i++) {
			boolean equal = MessageDigest.isEqual(this.keyDigests.get(i), candidate);
			matched |= (equal ? i + 1 : 0);
		}
		return matched;
	}

	private String fromQuery(String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			if (equals > 0 && this.queryParam.equals(decode(name))) {
				return decode(pair.substring(equals + 1));
			}
		}
		return null;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * A presented key before it is checked, then the caller it names.
	 */
	static final class Token extends AbstractAuthenticationToken {

		private final String principal;

		private String key;

		Token(String key) {
			super(null);
			this.principal = "api-key";
			this.key = key;
		}

		Token(int position) {
			super(AuthorityUtils.createAuthorityList("ROLE_CLIENT"));
			this.principal = "api-key-" + position;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return this.key;
		}

		@Override
		public Object getPrincipal() {
			return this.principal;
		}

		@Override
		public void eraseCredentials() {
			super.eraseCredentials();
			this.key = null;
		}

		@Override
		public boolean equals(Object other) {
			return super.equals(other);
		}

		@Override
		public int hashCode() {
			return super.hashCode();
		}

	}

}
