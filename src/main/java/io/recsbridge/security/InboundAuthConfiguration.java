package io.recsbridge.security;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;
import io.recsbridge.system.ProblemResponses;
import io.recsbridge.system.StartupRefusal;
import io.recsbridge.target.Transport;
import io.recsbridge.target.TransportChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Puts inbound authentication in front of the API ({@code /v1/**}): any combination of
 * API keys, HTTP Basic, bearer JWTs and mTLS client certificates, stateless, every
 * refusal an RFC 9457 problem. Fails closed: outside the sandbox the service does not
 * start without one of them unless told {@code BRIDGE_AUTH=none}. Everything else on the
 * API port (the sandbox emulator, {@code /error}, 404s) is open but gets the same
 * response headers.
 */
@Configuration(proxyBeanMethods = false)
class InboundAuthConfiguration {

	/**
	 * The sandbox's documented key: accepted only when the sandbox runs with no
	 * authentication of its own, never against a real Target.
	 */
	static final String SANDBOX_DEMO_KEY = "sandbox-demo-key";

	static final String REFUSAL = "Target is real (not the sandbox) and no inbound authentication is configured: "
			+ "anyone who reaches the API could spend the Target budget.";

	static final String REFUSAL_ACTION = "Set BRIDGE_API_KEYS (comma-separated keys), BRIDGE_BASIC_USERNAME and "
			+ "BRIDGE_BASIC_PASSWORD, BRIDGE_JWT_ISSUER_URI or BRIDGE_JWT_JWK_SET_URI with BRIDGE_JWT_AUDIENCE, or mTLS "
			+ "(SERVER_SSL_BUNDLE with SERVER_SSL_CLIENT_AUTH=need); or BRIDGE_AUTH=none to run without it.";

	static final String PREVIEW_PAGE = "/preview";

	static final String PREVIEW_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src https: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final Logger logger = LoggerFactory.getLogger(InboundAuthConfiguration.class);

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, InboundAuthProperties properties, TransportChoice transport,
			ServerProperties server, ProblemResponses problems) throws Exception {
		Modes modes = modes(properties, transport.transport(), mtls(server.getSsl()));
		ProblemEntryPoint entryPoint = new ProblemEntryPoint(problems, modes.challenges(properties),
				modes.detail(properties), properties.requiredScope());
		http.securityMatcher("/v1/**");
		stateless(http);
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint));
		if (modes.none()) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}
		if (!modes.apiKeys().isEmpty()) {
			ApiKeyAuthentication apiKeys = new ApiKeyAuthentication(modes.apiKeys(), properties.apiKeyHeader(),
					properties.apiKeyQueryParam());
			AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(apiKeys), apiKeys);
			filter.setSuccessHandler((request, response, authentication) -> {
			});
			filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
			http.addFilterBefore(filter, BasicAuthenticationFilter.class);
		}
		if (!modes.basicUsers().isEmpty()) {
			http.authenticationProvider(BasicUsers.provider(modes.basicUsers()));
			http.httpBasic((basic) -> basic.realmName(ProblemEntryPoint.REALM).authenticationEntryPoint(entryPoint));
		}
		if (modes.jwt()) {
			http.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(BearerTokens.decoder(properties)))
						.authenticationEntryPoint(entryPoint)
						.accessDeniedHandler(entryPoint)
						.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
							@Override
							public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
								filter.setAuthenticationFailureHandler(entryPoint);
								return filter;
							}
						}));
		}
		if (modes.mtls()) {
			ClientCertificateNames names = new ClientCertificateNames(properties.configuredMtlsSubjects());
			// The handshake has checked the chain to the configured CA; here the name.
			// A certificate with no allowed name gets the refused principal "".
			http.x509((x509) -> x509.x509PrincipalExtractor((certificate) -> {
				String name = names.acceptedName(certificate);
				return (name != null) ? name : "";
			}).authenticationUserDetailsService((token) -> {
				String subject = (String) token.getPrincipal();
				if (subject.isEmpty()) {
					throw new UsernameNotFoundException("Client certificate name not accepted");
				}
				return new User(subject, "", AuthorityUtils.createAuthorityList("ROLE_CLIENT"));
			}));
		}
		http.authorizeHttpRequests(
				(requests) -> requests.anyRequest().access(authenticatedWithScope(properties.requiredScope())));
		if (properties.clientRateLimit() > 0) {
			http.addFilterAfter(
					new ClientRateLimitFilter(properties.clientRateLimit(), Ticker.systemTicker(), problems),
					AuthorizationFilter.class);
		}
		return http.build();
	}

	/**
	 * The preview page: open (it holds nothing; the person types the API key, which the
	 * script sends as the header and never stores), under a policy that lets it run its
	 * own script and nothing else. The email is shown in a sandboxed {@code srcdoc}
	 * iframe, which inherits this policy: inline styles are allowed for the email's sake,
	 * scripts are not, and images load over HTTPS only.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain previewPage(HttpSecurity http) throws Exception {
		http.securityMatcher(PREVIEW_PAGE, PREVIEW_PAGE + "/**");
		stateless(http);
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(PREVIEW_PAGE_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * The sandbox emulator, {@code /error} and whatever else reaches the API port:
	 * nothing to protect (there is nothing else), but the same headers and no session.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		stateless(http);
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * No observation per security filter: with Micrometer present Spring Security wraps
	 * each of its filters in one, on every request, for spans nobody exports here;
	 * without them an uncached request took about a tenth less CPU (BENCHMARKS.md).
	 * Authentication outcomes still reach the access log and
	 * {@code http_server_requests_seconds}.
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	InitializingBean logPseudonymKey(@Value("${bridge.log-pseudonym-key:}") String key) {
		return () -> Pseudonyms.useKey(key);
	}

	private static void stateless(HttpSecurity http) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.headers(InboundAuthConfiguration::headers);
	}

	/**
	 * Spring Security's defaults ({@code Cache-Control: no-store...},
	 * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, HSTS over
	 * TLS) and a policy that lets a JSON answer load nothing.
	 */
	private static void headers(HeadersConfigurer<HttpSecurity> headers) {
		headers.defaultsDisabled()
			.cacheControl(Customizer.withDefaults())
			.contentTypeOptions(Customizer.withDefaults())
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.httpStrictTransportSecurity(Customizer.withDefaults())
			.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"));
	}

	/**
	 * Any authenticated caller; a JWT must also carry the required scope, if one is set.
	 */
	private static AuthorizationManager<RequestAuthorizationContext> authenticatedWithScope(String scope) {
		return (authentication, context) -> {
			Authentication caller = authentication.get();
			if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
				return new AuthorizationDecision(false);
			}
			if (scope != null && caller instanceof JwtAuthenticationToken) {
				return new AuthorizationDecision(caller.getAuthorities()
					.stream()
					.anyMatch((authority) -> ("SCOPE_" + scope).equals(authority.getAuthority())));
			}
			return new AuthorizationDecision(true);
		};
	}

	static boolean mtls(Ssl ssl) {
		return Ssl.isEnabled(ssl) && ssl.getClientAuth() == Ssl.ClientAuth.NEED;
	}

	/**
	 * What authenticates a caller, after the fail-closed rule: some mode configured, or
	 * {@code BRIDGE_AUTH=none}, or the sandbox's demo key, or a refusal to start.
	 */
	static Modes modes(InboundAuthProperties properties, Transport transport, boolean mtls) {
		if (mtls && properties.configuredMtlsSubjects().isEmpty()) {
			// The trust store holds a CA (for AJO, DigiCert's): without names, every
			// client certificate that CA ever issued would be let in.
			throw new StartupRefusal(
					"mTLS is on (SERVER_SSL_CLIENT_AUTH=need) but no client certificate name is allowed: the trust "
							+ "store's CA alone would let in every certificate it issued.",
					"Set BRIDGE_MTLS_SUBJECTS to the subject CNs or subject alternative names to accept (for AJO, "
							+ "the certCommonName of Adobe's certificate).");
		}
		Modes configured = new Modes(properties.configuredKeys(), properties.configuredBasicUsers(),
				properties.jwtConfigured(), mtls, false);
		if (configured.any()) {
			return configured;
		}
		if (properties.authenticationDisabled()) {
			logger.warn("BRIDGE_AUTH=none: the API accepts requests without credentials");
			return new Modes(List.of(), List.of(), false, false, true);
		}
		if (transport == Transport.SANDBOX) {
			logger.warn("No inbound authentication set: the sandbox accepts its demo key '{}' in the {} header",
					SANDBOX_DEMO_KEY, properties.apiKeyHeader());
			return new Modes(List.of(SANDBOX_DEMO_KEY), List.of(), false, false, false);
		}
		throw new StartupRefusal(REFUSAL, REFUSAL_ACTION);
	}

	/**
	 * The accepted API keys, after the fail-closed rule.
	 */
	static List<String> acceptedKeys(InboundAuthProperties properties, Transport transport) {
		return modes(properties, transport, false).apiKeys();
	}

	/**
	 * The authentication modes in force.
	 *
	 * @param apiKeys accepted API keys
	 * @param basicUsers Basic users as {@code user:password}
	 * @param jwt whether bearer JWTs are accepted
	 * @param mtls whether the server requires a client certificate
	 * @param none whether authentication is off ({@code BRIDGE_AUTH=none})
	 */
	record Modes(List<String> apiKeys, List<String> basicUsers, boolean jwt, boolean mtls, boolean none) {

		boolean any() {
			return !this.apiKeys.isEmpty() || !this.basicUsers.isEmpty() || this.jwt || this.mtls;
		}

		List<String> challenges(InboundAuthProperties properties) {
			List<String> challenges = new ArrayList<>();
			if (!this.apiKeys.isEmpty()) {
				challenges.add("ApiKey realm=\"" + ProblemEntryPoint.REALM + "\", header=\"" + properties.apiKeyHeader()
						+ "\"");
			}
			if (!this.basicUsers.isEmpty()) {
				challenges.add("Basic realm=\"" + ProblemEntryPoint.REALM + "\", charset=\"UTF-8\"");
			}
			if (this.jwt) {
				challenges.add("Bearer realm=\"" + ProblemEntryPoint.REALM + "\"");
			}
			return challenges;
		}

		String detail(InboundAuthProperties properties) {
			List<String> ways = new ArrayList<>();
			if (!this.apiKeys.isEmpty()) {
				ways.add("a valid API key in the " + properties.apiKeyHeader() + " header"
						+ (InboundAuthProperties.hasText(properties.apiKeyQueryParam())
								? " or the " + properties.apiKeyQueryParam().strip() + " query parameter" : ""));
			}
			if (!this.basicUsers.isEmpty()) {
				ways.add("valid Basic credentials");
			}
			if (this.jwt) {
				ways.add("a valid bearer token");
			}
			if (this.mtls) {
				ways.add("an accepted client certificate");
			}
			return "Send " + String.join(", or ", ways);
		}

	}

}
