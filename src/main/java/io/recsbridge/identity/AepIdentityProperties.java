package io.recsbridge.identity;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the AEP Identity Service is. Environment variables {@code AEP_*} bind here.
 *
 * @param identity the Identity Service
 * @param sandboxName the AEP sandbox whose identity graph is read, sent as
 * {@code x-sandbox-name}; the production sandbox when unset ({@code AEP_SANDBOX_NAME})
 */
@Validated
@ConfigurationProperties("aep")
public record AepIdentityProperties(@DefaultValue Identity identity, String sandboxName) {

	/**
	 * The Identity Service.
	 *
	 * @param baseUrl the regional base, such as
	 * {@code https://platform-va7.adobe.io/data/core}; identity resolution through AEP is
	 * on when set ({@code AEP_IDENTITY_BASE_URL})
	 * @param timeout connect and read timeout of one lookup; a lookup is made only once
	 * per identity while cached, but it is part of the request's deadline
	 */
	public record Identity(URI baseUrl, @DefaultValue("250ms") @NotNull Duration timeout) {
	}

}
