package io.recsbridge.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.OpenApiAnswers;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every authentication mode AJO can use, configured together: API key in the header or
 * the query parameter, Basic, and bearer JWTs checked against the identity provider's JWK
 * set (a WireMock here, with a key pair made for the run). Each is accepted when right
 * and refused with a 401 problem when wrong; a token without the required scope is a 403.
 */
class InboundAuthModesTests extends BridgeAgainstTargetStandIn {

	private static final String PATH = "/v1/recommendations/recently-viewed";

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String BODY = "{\"ecid\": \"" + ECID + "\"}";

	private static final String ISSUER = "https://idp.example.com/oauth2/default";

	private static final String AUDIENCE = "recs-bridge";

	private static final String SCOPE = "recommendations.read";

	private static final RSAKey SIGNING_KEY = rsaKey("idp-key-1");

	private static final RSAKey STRANGER_KEY = rsaKey("idp-key-1");

	private static final WireMockServer identityProvider = startIdentityProvider();

	@DynamicPropertySource
	static void allModes(DynamicPropertyRegistry registry) {
		registry.add("bridge.api-key-query-param", () -> "api_key");
		registry.add("bridge.basic-username", () -> "ajo");
		registry.add("bridge.basic-password", () -> "correct horse battery staple");
		registry.add("bridge.basic-users", () -> "journeys:s3cret-journeys");
		registry.add("bridge.jwt-issuer-uri", () -> ISSUER);
		registry.add("bridge.jwt-jwk-set-uri", () -> identityProvider.baseUrl() + "/oauth2/default/v1/keys");
		registry.add("bridge.jwt-audience", () -> AUDIENCE);
		registry.add("bridge.jwt-scope", () -> SCOPE);
	}

	@BeforeEach
	void targetAnswers() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));
	}

	@Test
	void anApiKeyInTheConfiguredQueryParameterIsAccepted() {
		assertThat(this.api.send(this.api.request(PATH + "?ecid=" + ECID + "&api_key=" + TargetStandIn.API_KEY).GET())
			.statusCode()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "apikey=", "API_KEY=", "X-Api-Key=", "api_key=wrong&x=" })
	void anApiKeyInAnotherQueryParameterIsRefused(String parameter) {
		assertUnauthorized(this.api
			.send(this.api.request(PATH + "?ecid=" + ECID + "&" + parameter + TargetStandIn.API_KEY).GET()));
	}

	@Test
	void anApiKeyInAFormBodyIsRefusedUnread() {
		HttpResponse<String> response = this.api.send(this.api.request(PATH)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("api_key=" + TargetStandIn.API_KEY + "&ecid=" + ECID)));

		assertUnauthorized(response);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ajo:correct horse battery staple", "journeys:s3cret-journeys" })
	void basicCredentialsOfEveryConfiguredUserAreAccepted(String credentials) {
		assertThat(call(basic(credentials)).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ajo:wrong", "ajo:", "nobody:correct horse battery staple",
			"journeys:correct horse battery staple", "ajo" })
	void wrongBasicCredentialsAreA401ProblemWithABasicChallenge(String credentials) {
		HttpResponse<String> response = call(basic(credentials));

		assertUnauthorized(response);
		assertThat(response.headers().allValues("WWW-Authenticate"))
			.contains("Basic realm=\"recs-bridge\", charset=\"UTF-8\"");
		assertThat(response.body()).doesNotContain("horse");
	}

	@Test
	void aValidBearerTokenIsAccepted() {
		assertThat(call(bearer(token(SIGNING_KEY, (claims) -> {
		}))).statusCode()).isEqualTo(200);
	}

	@Test
	void anExpiredTokenIsRefused() {
		assertInvalidToken(call(bearer(
				token(SIGNING_KEY, (claims) -> claims.issueTime(seconds(-7200)).expirationTime(seconds(-600))))));
	}

	@Test
	void aTokenWithoutExpiryIsRefused() {
		assertInvalidToken(call(bearer(token(SIGNING_KEY, (claims) -> claims.expirationTime(null)))));
	}

	@Test
	void aTokenSignedByAnotherKeyIsRefused() {
		assertInvalidToken(call(bearer(token(STRANGER_KEY, (claims) -> {
		}))));
	}

	@Test
	void aTokenForAnotherAudienceIsRefused() {
		assertInvalidToken(call(bearer(token(SIGNING_KEY, (claims) -> claims.audience("another-app")))));
	}

	@Test
	void aTokenFromAnotherIssuerIsRefused() {
		assertInvalidToken(call(bearer(token(SIGNING_KEY, (claims) -> claims.issuer("https://evil.example.com/")))));
	}

	@Test
	void anUnsignedTokenIsRefused() {
		String[] parts = token(SIGNING_KEY, (claims) -> {
		}).split("\\.");
		String none = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		assertInvalidToken(call(bearer(none + "." + parts[1] + ".")));
	}

	@Test
	void aTokenWithoutTheRequiredScopeIsA403Problem() {
		HttpResponse<String> response = call(bearer(token(SIGNING_KEY, (claims) -> claims.claim("scope", "other"))));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:problem-type:recs-bridge:forbidden\"");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("insufficient_scope").contains(SCOPE));
		OpenApiAnswers.assertAsSpecified("POST", response.request().uri().getPath(), response);
	}

	/**
	 * The identity provider down while a token names a key not yet fetched (a rotation):
	 * the token cannot be checked either way, so the answer is a 503 problem to retry,
	 * not a 401 that blames the caller nor a 500.
	 */
	@Test
	void aTokenThatCannotBeCheckedWhileTheKeySetIsDownIsA503Problem() {
		RSAKey rotated = rsaKey("idp-key-2");
		identityProvider
			.stubFor(get(urlPathEqualTo("/oauth2/default/v1/keys")).willReturn(aResponse().withStatus(503)));
		try {
			HttpResponse<String> response = call(bearer(token(rotated, (claims) -> {
			})));

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(response.body()).contains("\"type\":\"urn:problem-type:recs-bridge:unavailable\"")
				.doesNotContain("eyJ")
				.doesNotContain(identityProvider.baseUrl());
			OpenApiAnswers.assertAsSpecified("POST", PATH, response);
		}
		finally {
			identityProvider.stubFor(get(urlPathEqualTo("/oauth2/default/v1/keys"))
				.willReturn(okJson(new JWKSet(SIGNING_KEY.toPublicJWK()).toString())));
		}
	}

	@Test
	void noCredentialsChallengesWithEveryConfiguredScheme() {
		HttpResponse<String> response = call(null);

		assertUnauthorized(response);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
				"ApiKey realm=\"recs-bridge\", header=\"X-Api-Key\"", "Basic realm=\"recs-bridge\", charset=\"UTF-8\"",
				"Bearer realm=\"recs-bridge\"");
	}

	private HttpResponse<String> call(String authorization) {
		HttpRequest.Builder request = this.api.request(PATH)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(BODY));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.api.send(request);
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	static String token(RSAKey key, Consumer<JWTClaimsSet.Builder> change) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("0oa-ajo-client")
			.audience(AUDIENCE)
			.issueTime(seconds(0))
			.expirationTime(seconds(3600))
			.claim("scope", SCOPE + " other");
		change.accept(claims);
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Date seconds(long fromNow) {
		return Date.from(Instant.now().plusSeconds(fromNow));
	}

	private static void assertInvalidToken(HttpResponse<String> response) {
		assertUnauthorized(response);
		assertThat(response.headers().allValues("WWW-Authenticate"))
			.contains("Bearer realm=\"recs-bridge\", error=\"invalid_token\"");
		assertThat(response.body()).contains("The bearer token is not valid");
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.body()).contains("\"type\":\"urn:problem-type:recs-bridge:unauthorized\"")
			.contains("\"status\":401")
			.doesNotContain(TargetStandIn.API_KEY)
			.doesNotContain("eyJ");
	}

	private static RSAKey rsaKey(String id) {
		try {
			return new RSAKeyGenerator(2048).keyID(id).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static WireMockServer startIdentityProvider() {
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
		server.start();
		server.stubFor(get(urlPathEqualTo("/oauth2/default/v1/keys"))
			.willReturn(okJson(new JWKSet(SIGNING_KEY.toPublicJWK()).toString())));
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
