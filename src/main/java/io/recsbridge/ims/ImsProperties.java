package io.recsbridge.ims;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The OAuth server-to-server credential of an Adobe Developer Console project.
 * Environment variables {@code ADOBE_IMS_*} bind here. {@link #toString()} never shows
 * the secret.
 *
 * @param clientId the credential's client id, also sent as {@code x-api-key}
 * ({@code ADOBE_IMS_CLIENT_ID})
 * @param clientSecret the credential's client secret ({@code ADOBE_IMS_CLIENT_SECRET})
 * @param orgId the IMS organization id, {@code ...@AdobeOrg}, sent as
 * {@code x-gw-ims-org-id} ({@code ADOBE_IMS_ORG_ID})
 * @param scopes the scopes the credential was granted, comma-separated
 * ({@code ADOBE_IMS_SCOPES})
 * @param tokenUrl the IMS token endpoint ({@code ADOBE_IMS_TOKEN_URL})
 * @param timeout connect and read timeout of one token request
 */
@Validated
@ConfigurationProperties("adobe.ims")
public record ImsProperties(String clientId, String clientSecret, String orgId,
		@DefaultValue("openid,AdobeID,read_organizations,additional_info.projectedProductContext,session") List<String> scopes,
		@DefaultValue("https://ims-na1.adobelogin.com/ims/token/v3") @NotNull URI tokenUrl,
		@DefaultValue("2s") @NotNull Duration timeout) {

	public ImsProperties {
		scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
	}

	/**
	 * The environment variables still to set before tokens can be fetched.
	 * @return the names of the missing variables, empty when the credential is complete
	 */
	public List<String> missing() {
		List<String> missing = new ArrayList<>();
		if (isBlank(this.clientId)) {
			missing.add("ADOBE_IMS_CLIENT_ID");
		}
		if (isBlank(this.clientSecret)) {
			missing.add("ADOBE_IMS_CLIENT_SECRET");
		}
		if (isBlank(this.orgId)) {
			missing.add("ADOBE_IMS_ORG_ID");
		}
		return missing;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	@Override
	public String toString() {
		return "ImsProperties[clientId=" + this.clientId + ", clientSecret="
				+ (isBlank(this.clientSecret) ? "(unset)" : "(redacted)") + ", orgId=" + this.orgId + ", scopes="
				+ this.scopes + ", tokenUrl=" + this.tokenUrl + ", timeout=" + this.timeout + "]";
	}

}
