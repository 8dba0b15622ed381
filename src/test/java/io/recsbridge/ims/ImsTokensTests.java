package io.recsbridge.ims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recsbridge.support.BoundProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * IMS tokens against a WireMock IMS, on a clock the test moves: one token request for
 * many callers, reuse until the refresh window, one refresh ahead of expiry while others
 * keep the valid token, a new token after a 401, and no secret in any message.
 */
class ImsTokensTests {

	private static final String TOKEN_PATH = "/ims/token/v3";

	private static final String SECRET = "p8e-s3cr3t-value";

	private static final long ONE_DAY = 86_399;

	@RegisterExtension
	static WireMockExtension ims = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MovableClock clock = new MovableClock(Instant.parse("2025-11-20T08:00:00Z"));

	private final ExecutorService callers = Executors.newFixedThreadPool(16);

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void concurrentFirstCallersMakeOneTokenRequestAndShareItsToken() throws Exception {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-1", ONE_DAY).withFixedDelay(300)));
		ImsTokens tokens = tokens(Runnable::run);

		List<String> seen = inParallel(32, () -> tokens.token().value());

		assertThat(seen).hasSize(32).containsOnly("token-1");
		ims.verify(1,
				postRequestedFor(urlPathEqualTo(TOKEN_PATH))
					.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
					.withFormParam("grant_type", equalTo("client_credentials"))
					.withFormParam("client_id", equalTo("recs-bridge-client"))
					.withFormParam("client_secret", equalTo(SECRET))
					.withFormParam("scope", equalTo("openid,AdobeID,read_organizations")));
	}

	@Test
	void aTokenIsReusedUntilItsRefreshWindow() {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-1", ONE_DAY)));
		ImsTokens tokens = tokens(Runnable::run);

		AccessToken first = tokens.token();
		this.clock.advance(Duration.ofHours(23).plusMinutes(49));

		assertThat(tokens.token()).isSameAs(first);
		// 86,399 s less a 5-minute margin, refreshed from one more margin before that.
		assertThat(first.expiresAt()).isEqualTo(this.clock.start.plusSeconds(ONE_DAY).minus(Duration.ofMinutes(5)));
		assertThat(first.refreshAt()).isEqualTo(first.expiresAt().minus(Duration.ofMinutes(5)));
		ims.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	@Test
	void aShortLivedTokenKeepsATenthOfItsLifeAsMargin() {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-1", 600)));

		AccessToken token = tokens(Runnable::run).token();

		assertThat(token.expiresAt()).isEqualTo(this.clock.start.plusSeconds(540));
		assertThat(token.refreshAt()).isEqualTo(this.clock.start.plusSeconds(480));
	}

	@Test
	void inTheRefreshWindowOneCallerRefreshesWhileTheOthersKeepTheValidToken() throws Exception {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-1", ONE_DAY)));
		ExecutorService refresher = Executors.newSingleThreadExecutor();
		try {
			ImsTokens tokens = tokens(refresher);
			tokens.token();
			ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-2", ONE_DAY).withFixedDelay(500)));
			this.clock.advance(Duration.ofHours(23).plusMinutes(52));

			List<String> seen = inParallel(32, () -> tokens.token().value());

			assertThat(seen).containsOnly("token-1");
			await().atMost(Duration.ofSeconds(5)).until(() -> tokens.token().value().equals("token-2"));
			ims.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
		}
		finally {
			refresher.shutdownNow();
		}
	}

	@Test
	void aFailedRefreshKeepsTheValidTokenAndTheNextCallerTriesAgain() {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-1", ONE_DAY)));
		ImsTokens tokens = tokens(Runnable::run);
		tokens.token();
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
		this.clock.advance(Duration.ofHours(23).plusMinutes(52));

		assertThat(tokens.token().value()).isEqualTo("token-1");
		assertThat(tokens.token().value()).isEqualTo("token-1");
		ims.verify(3, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	@Test
	void anExpiredTokenIsNeverUsedAndANewOneIsFetchedFirst() {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-1", ONE_DAY)));
		ImsTokens tokens = tokens(Runnable::run);
		tokens.token();
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-2", ONE_DAY)));
		this.clock.advance(Duration.ofHours(23).plusMinutes(56));

		assertThat(tokens.token().value()).isEqualTo("token-2");
		ims.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	@Test
	void anUpstream401FetchesANewTokenOnceAndCallsAgain() {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-1", ONE_DAY)));
		ImsTokens tokens = tokens(Runnable::run);
		tokens.token();
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-2", ONE_DAY)));
		List<String> used = new ArrayList<>();

		String answer = tokens.withToken((token) -> {
			used.add(token.value());
			if (token.value().equals("token-1")) {
				throw new UpstreamUnauthorizedException("HTTP 401");
			}
			return "ok";
		});

		assertThat(answer).isEqualTo("ok");
		assertThat(used).containsExactly("token-1", "token-2");
		assertThat(tokens.token().value()).isEqualTo("token-2");
	}

	@Test
	void aSecond401IsPassedOnWithoutAThirdTry() {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-1", ONE_DAY)));
		ImsTokens tokens = tokens(Runnable::run);
		AtomicInteger calls = new AtomicInteger();

		assertThatExceptionOfType(UpstreamUnauthorizedException.class).isThrownBy(() -> tokens.withToken((token) -> {
			calls.incrementAndGet();
			throw new UpstreamUnauthorizedException("HTTP 401");
		}));
		assertThat(calls).hasValue(2);
		ims.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	@Test
	void imsRefusingTheCredentialIsARejectionThatNamesTheStatusOnly() {
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"invalid_client\", \"client_secret\": \"" + SECRET + "\"}")));

		assertThatExceptionOfType(ImsException.class).isThrownBy(() -> tokens(Runnable::run).token())
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).isEqualTo("Adobe IMS answered HTTP 400").doesNotContain(SECRET);
				assertThat(ex.rejected()).isTrue();
			});
	}

	@Test
	void imsDownOrAnsweringGarbageIsAnOutage() {
		ImsTokens tokens = tokens(Runnable::run);
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(ImsException.class).isThrownBy(tokens::token)
			.withMessage("Adobe IMS could not be reached")
			.satisfies((ex) -> assertThat(ex.rejected()).isFalse());
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\": ")));
		assertThatExceptionOfType(ImsException.class).isThrownBy(tokens::token)
			.withMessage("Adobe IMS answered with an unreadable body");
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("{\"token_type\": \"bearer\"}")));
		assertThatExceptionOfType(ImsException.class).isThrownBy(tokens::token)
			.withMessage("Adobe IMS answered without a usable token");
		ims.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(ImsException.class).isThrownBy(tokens::token)
			.satisfies((ex) -> assertThat(ex.rejected()).isFalse());
	}

	@Test
	void neitherTheSecretNorATokenAppearsInToString() {
		ImsProperties properties = properties();
		AccessToken token = new AccessToken("eyJhbGciOi.secret-token", Instant.EPOCH, Instant.EPOCH);

		assertThat(properties.toString()).doesNotContain(SECRET).contains("recs-bridge-client", "(redacted)");
		assertThat(token.toString()).doesNotContain("secret-token");
		assertThat(new ImsTokens.TokenResponse("eyJhbGciOi.secret-token", "bearer", 1).toString())
			.doesNotContain("secret-token");
		assertThat(token.bearer()).isEqualTo("Bearer eyJhbGciOi.secret-token");
	}

	@Test
	void missingNamesTheVariablesToSet() {
		ImsProperties empty = BoundProperties.bind("adobe.ims", ImsProperties.class, Map.of());

		assertThat(empty.missing()).containsExactly("ADOBE_IMS_CLIENT_ID", "ADOBE_IMS_CLIENT_SECRET",
				"ADOBE_IMS_ORG_ID");
		assertThat(empty.tokenUrl()).hasToString("https://ims-na1.adobelogin.com/ims/token/v3");
		assertThat(empty.toString()).contains("(unset)");
		assertThat(properties().missing()).isEmpty();
	}

	private ImsTokens tokens(java.util.concurrent.Executor refresher) {
		return new ImsTokens(AdobeApis.restClient(RestClient.builder(), Duration.ofSeconds(5)), properties(),
				this.clock, refresher);
	}

	private static ImsProperties properties() {
		return BoundProperties.bind("adobe.ims", ImsProperties.class,
				Map.of("client-id", "recs-bridge-client", "client-secret", SECRET, "org-id",
						"53A16ACB5CC1D3760A495C99@AdobeOrg", "scopes", "openid,AdobeID,read_organizations", "token-url",
						ims.baseUrl() + TOKEN_PATH));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(String value,
			long expiresIn) {
		return okJson("{\"access_token\": \"%s\", \"token_type\": \"bearer\", \"expires_in\": %d}".formatted(value,
				expiresIn));
	}

	private <T> List<T> inParallel(int callers, java.util.concurrent.Callable<T> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<T>> results = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			results.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
					return call.call();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, this.callers));
		}
		start.countDown();
		List<T> values = new ArrayList<>();
		for (CompletableFuture<T> result : results) {
			values.add(result.get(10, TimeUnit.SECONDS));
		}
		return values;
	}

	/**
	 * A clock the test moves forward.
	 */
	static final class MovableClock extends Clock {

		final Instant start;

		private volatile Instant now;

		MovableClock(Instant start) {
			this.start = start;
			this.now = start;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
