package io.recsbridge.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API.
 *
 * @param apiKeys accepted API keys; several at once so keys can be rotated
 * ({@code BRIDGE_API_KEYS}, comma-separated)
 * @param apiKeyHeader the header carrying the key ({@code BRIDGE_API_KEY_HEADER})
 * @param apiKeyQueryParam also accept the key in this query parameter, AJO's other
 * API-key option; unset accepts the header only ({@code BRIDGE_API_KEY_QUERY_PARAM})
 * @param auth {@code none} runs without inbound authentication outside the sandbox, said
 * in so many words ({@code BRIDGE_AUTH})
 */
@Validated
@ConfigurationProperties("bridge")
record InboundAuthProperties(@DefaultValue List<String> apiKeys,
		@DefaultValue("X-Api-Key") @NotBlank String apiKeyHeader, String apiKeyQueryParam, String auth) {

	boolean authenticationDisabled() {
		return "none".equalsIgnoreCase(this.auth);
	}

	List<String> configuredKeys() {
		return this.apiKeys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList();
	}

}
