package io.recsbridge.target;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Adobe Target. Environment variables {@code TARGET_*} bind here.
 *
 * @param configuredTransport which API carries the calls ({@code TARGET_TRANSPORT}), as
 * configured, or {@code null}; the transport in force is {@link TransportChoice}'s, which
 * also reads the datastream
 * @param clientCode the Target client code ({@code TARGET_CLIENT_CODE})
 * @param baseUrl overrides {@code https://{clientCode}.tt.omtrdc.net}, for proxies and
 * tests ({@code TARGET_BASE_URL})
 * @param propertyToken the at_property token, sent when set; without it a workspace's
 * activities answer with no content ({@code TARGET_PROPERTY_TOKEN})
 * @param environmentId the Target environment id, sent when set
 * ({@code TARGET_ENVIRONMENT_ID})
 * @param timeout one upstream call's connect and read timeout ({@code TARGET_TIMEOUT});
 * at least 1 ms (Apache HttpClient reads zero as no timeout at all)
 * @param rateLimit upstream calls a second, all use cases together: from this instance,
 * or from the whole fleet in shared mode ({@code TARGET_RATE_LIMIT})
 * @param rateRamp start at {@code rampStep} calls a second and add as much every
 * {@code rampInterval} up to the limit, as Adobe asks of email senders
 * ({@code TARGET_RATE_RAMP})
 * @param rateRefreshPeriod how often the rate limiter's permits refill: short periods
 * spread the calls evenly over the second instead of in one burst; lengthened when the
 * rate is under one call per period (a limit of 5 refills one permit every 200 ms)
 * @param rampStep calls a second to start at and to add each interval
 * @param rampInterval how often the ramp steps up
 * @param retry how retries wait between attempts
 */
@Validated
@ConfigurationProperties("target")
public record TargetProperties(@Name("transport") Transport configuredTransport,
		@Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be a Target client code") String clientCode,
		URI baseUrl, String propertyToken, Long environmentId,
		@DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration timeout,
		@DefaultValue("1000") @Positive int rateLimit, @DefaultValue("true") boolean rateRamp,
		@DefaultValue("100ms") @NotNull @DurationMin(millis = 1) Duration rateRefreshPeriod,
		@DefaultValue("200") @Positive int rampStep,
		@DefaultValue("1m") @NotNull @DurationMin(millis = 1) Duration rampInterval,
		@DefaultValue @Valid @NotNull RetryBackoff retry) {

	public TargetProperties {
		if (configuredTransport == Transport.DELIVERY && (clientCode == null || clientCode.isBlank())) {
			throw new IllegalArgumentException("TARGET_TRANSPORT=delivery needs TARGET_CLIENT_CODE");
		}
	}

	/**
	 * Jittered exponential backoff between attempts; {@code Retry-After} wins when Target
	 * sends a longer one that fits the budget.
	 *
	 * @param initialWait the wait before the second attempt
	 * @param multiplier how much each further wait grows
	 * @param jitter the random share of each wait, 0 to 1
	 */
	public record RetryBackoff(@DefaultValue("50ms") @NotNull Duration initialWait,
			@DefaultValue("2") @DecimalMin("1") double multiplier,
			@DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double jitter) {
	}

	/**
	 * The Delivery API host for this client: the override when given, else Adobe's
	 * per-client host.
	 * @return the base URL calls are made against
	 */
	public URI resolvedBaseUrl() {
		if (this.baseUrl != null) {
			return this.baseUrl;
		}
		if (this.clientCode == null) {
			throw new IllegalStateException("Set TARGET_CLIENT_CODE or TARGET_BASE_URL to reach Adobe Target");
		}
		return URI.create("https://" + this.clientCode + ".tt.omtrdc.net");
	}

}
