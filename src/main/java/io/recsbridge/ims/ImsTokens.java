package io.recsbridge.ims;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * IMS access tokens for the OAuth server-to-server credential, fetched on first need and
 * shared by every caller:
 * <ul>
 * <li>callers arriving together with no token make one token request and all wait on
 * it;</li>
 * <li>a token is used until {@code expires_in} less a margin (a tenth of its life, at
 * most 5 minutes); one margin before that, one caller starts fetching the next token
 * while everyone keeps using the current one;</li>
 * <li>{@link #withToken} fetches a new token once when an Adobe API answers 401.</li>
 * </ul>
 * IMS issues no refresh token: a new token is a new client-credentials grant. Neither the
 * secret nor a token is ever logged or put in an exception message.
 */
public class ImsTokens {

	private static final Logger logger = LoggerFactory.getLogger(ImsTokens.class);

	private static final Duration MAX_MARGIN = Duration.ofMinutes(5);

	private final RestClient restClient;

	private final ImsProperties properties;

	private final Supplier<URI> tokenUrl;

	private final Clock clock;

	private final Executor refresher;

	private final AtomicReference<AccessToken> current = new AtomicReference<>();

	private final ReentrantLock fetching = new ReentrantLock();

	private final AtomicBoolean refreshing = new AtomicBoolean();

	/**
	 * Creates the token source.
	 * @param restClient the client, with its timeouts set
	 * @param properties the credential
	 * @param clock tells when tokens expire
	 * @param refresher runs the ahead-of-expiry refresh, so no request waits for it
	 */
	public ImsTokens(RestClient restClient, ImsProperties properties, Clock clock, Executor refresher) {
		this(restClient, properties, properties::tokenUrl, clock, refresher);
	}

	/**
	 * Creates the token source for a token endpoint known only at call time (the
	 * sandbox's emulator, on a port chosen at start-up).
	 * @param restClient the client, with its timeouts set
	 * @param properties the credential
	 * @param tokenUrl the token endpoint, read on every fetch
	 * @param clock tells when tokens expire
	 * @param refresher runs the ahead-of-expiry refresh, so no request waits for it
	 */
	public ImsTokens(RestClient restClient, ImsProperties properties, Supplier<URI> tokenUrl, Clock clock,
			Executor refresher) {
		this.restClient = restClient;
		this.properties = properties;
		this.tokenUrl = tokenUrl;
		this.clock = clock;
		this.refresher = refresher;
	}

	/**
	 * A valid token: the cached one, or one fetched now when none is valid.
	 * @return the token
	 * @throws ImsException when no token is cached and IMS gives none
	 */
	public AccessToken token() {
		AccessToken token = this.current.get();
		Instant now = this.clock.instant();
		if (token != null && now.isBefore(token.refreshAt())) {
			return token;
		}
		if (token != null && now.isBefore(token.expiresAt())) {
			refreshAhead(token);
			return token;
		}
		return fetchReplacing(token);
	}

	/**
	 * Calls an Adobe API with a token; when it answers 401, drops that token, fetches
	 * another and calls once more.
	 * @param <T> what the call returns
	 * @param call the call, throwing {@link UpstreamUnauthorizedException} on a 401
	 * @return what the call returned
	 * @throws UpstreamUnauthorizedException when the fresh token is refused too
	 */
	public <T> T withToken(Function<AccessToken, T> call) {
		AccessToken token = token();
		try {
			return call.apply(token);
		}
		catch (UpstreamUnauthorizedException ex) {
			invalidate(token);
			return call.apply(token());
		}
	}

	/**
	 * Forgets a token an Adobe API refused, unless another caller already replaced it.
	 * @param refused the token that was refused
	 */
	public void invalidate(AccessToken refused) {
		this.current.compareAndSet(refused, null);
	}

	/**
	 * Forgets any token, so the next caller fetches one (tests).
	 */
	public void clear() {
		this.current.set(null);
	}

	private void refreshAhead(AccessToken expiring) {
		if (!this.refreshing.compareAndSet(false, true)) {
			return;
		}
		try {
			this.refresher.execute(() -> {
				try {
					fetchReplacing(expiring);
				}
				catch (ImsException ex) {
					// The current token is still valid: the next caller tries again.
					logger.warn("Refreshing the Adobe IMS token failed: {}", ex.getMessage());
				}
				finally {
					this.refreshing.set(false);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.refreshing.set(false);
		}
	}

	/**
	 * Fetches a token unless another caller replaced {@code stale} while this one waited.
	 */
	private AccessToken fetchReplacing(AccessToken stale) {
		this.fetching.lock();
		try {
			AccessToken token = this.current.get();
			if (token != null && token != stale && this.clock.instant().isBefore(token.expiresAt())) {
				return token;
			}
			AccessToken fresh = fetch();
			this.current.set(fresh);
			return fresh;
		}
		finally {
			this.fetching.unlock();
		}
	}

	private AccessToken fetch() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", this.properties.clientId());
		form.add("client_secret", this.properties.clientSecret());
		form.add("scope", String.join(",", this.properties.scopes()));
		TokenResponse response;
		try {
			response = this.restClient.post()
				.uri(this.tokenUrl.get())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((request, httpResponse) -> {
					HttpStatusCode status = httpResponse.getStatusCode();
					if (!status.is2xxSuccessful()) {
						// IMS's error body names the client: never read into a message.
						throw new ImsException("Adobe IMS answered HTTP " + status.value(), status.is4xxClientError(),
								null);
					}
					return httpResponse.bodyTo(TokenResponse.class);
				});
		}
		catch (ResourceAccessException ex) {
			throw new ImsException("Adobe IMS could not be reached", false, null);
		}
		catch (RestClientException ex) {
			throw new ImsException("Adobe IMS answered with an unreadable body", false, null);
		}
		if (response == null || response.accessToken() == null || response.accessToken().isBlank()
				|| response.expiresIn() <= 0) {
			throw new ImsException("Adobe IMS answered without a usable token", false, null);
		}
		Duration life = Duration.ofSeconds(response.expiresIn());
		Duration margin = life.dividedBy(10);
		if (margin.compareTo(MAX_MARGIN) > 0) {
			margin = MAX_MARGIN;
		}
		Instant expiresAt = this.clock.instant().plus(life).minus(margin);
		logger.info("Fetched an Adobe IMS access token valid for {}", life);
		return new AccessToken(response.accessToken(), expiresAt.minus(margin), expiresAt);
	}

	/**
	 * IMS's answer to a client-credentials grant.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
			@JsonProperty("expires_in") long expiresIn) {

		@Override
		public String toString() {
			return "TokenResponse[accessToken=(redacted), tokenType=" + this.tokenType + ", expiresIn=" + this.expiresIn
					+ "]";
		}

	}

}
