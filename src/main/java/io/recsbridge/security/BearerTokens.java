package io.recsbridge.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.recsbridge.system.StartupRefusal;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Bearer JWTs from the customer's identity provider, the token AJO's custom
 * authentication fetches: signed by a key of the issuer's JWK set, unexpired (an
 * {@code exp} is required), from the configured issuer, for one of the configured
 * audiences.
 */
final class BearerTokens {

	private BearerTokens() {
	}

	static JwtDecoder decoder(InboundAuthProperties properties) {
		List<String> audiences = properties.audiences();
		if (audiences.isEmpty()) {
			throw new StartupRefusal(
					"Bearer JWTs are accepted (BRIDGE_JWT_ISSUER_URI or BRIDGE_JWT_JWK_SET_URI is set) with no "
							+ "audience: any token of the issuer, for any application, would do.",
					"Set BRIDGE_JWT_AUDIENCE to the audience (aud) of the tokens AJO's custom authentication fetches.");
		}
		OAuth2TokenValidator<Jwt> validator = validator(properties.jwtIssuerUri(), audiences);
		// Lazily: the identity provider being down at start-up must not stop the service.
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = InboundAuthProperties
				.hasText(properties.jwtJwkSetUri())
						? NimbusJwtDecoder.withJwkSetUri(properties.jwtJwkSetUri().strip())
							.jwsAlgorithms((algorithms) -> algorithms.addAll(List.of(SignatureAlgorithm.RS256,
									SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.ES256,
									SignatureAlgorithm.ES384, SignatureAlgorithm.PS256)))
							.build()
						: NimbusJwtDecoder.withIssuerLocation(properties.jwtIssuerUri().strip()).build();
			decoder.setJwtValidator(validator);
			return decoder;
		});
	}

	static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator());
		validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
		if (InboundAuthProperties.hasText(issuer)) {
			validators.add(new JwtIssuerValidator(issuer.strip()));
		}
		validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.stream().anyMatch(audiences::contains)));
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

}
