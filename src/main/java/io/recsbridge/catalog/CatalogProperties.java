package io.recsbridge.catalog;

import java.net.URI;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Target's Recommendations API is, for Get Entity. Environment variables
 * {@code TARGET_TENANT_ID} and {@code TARGET_ADMIN_BASE_URL} bind here; the catalog is
 * looked up when the tenant is set (with the IMS credential, {@code ADOBE_IMS_*}).
 *
 * @param tenantId the Target tenant, as in {@code https://mc.adobe.io/{tenant}/target}
 * ({@code TARGET_TENANT_ID}); unset, cart lines show what AJO sent
 * @param adminBaseUrl the Adobe I/O gateway ({@code TARGET_ADMIN_BASE_URL})
 */
@Validated
@ConfigurationProperties("target")
public record CatalogProperties(
		@Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be a Target tenant id") String tenantId,
		@DefaultValue("https://mc.adobe.io") @NotNull URI adminBaseUrl) {

}
