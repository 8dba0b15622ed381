package io.recsbridge.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.recsbridge.identity.IdentityResolver;
import io.recsbridge.identity.PersonIdentity;

/**
 * The sandbox's identity graph: its demo email addresses and CRM id linked to its demo
 * visitors, so a journey that knows people by email can be tried without AEP.
 */
final class SandboxIdentityResolver implements IdentityResolver {

	/** Email address (lower case) to ECIDs. */
	static final Map<String, List<String>> EMAILS = Map.of("jane@example.com", List.of(DemoVisitors.CART_VISITOR),
			"sam@example.com", List.of(DemoVisitors.BROWSING_VISITOR), "alex@example.com",
			List.of(DemoVisitors.NEW_VISITOR), "robin@example.com",
			List.of(DemoVisitors.CART_VISITOR, DemoVisitors.BROWSING_VISITOR));

	/** CRM id to ECIDs. */
	static final Map<String, List<String>> CRM_IDS = Map.of("crm-000123", List.of(DemoVisitors.CART_VISITOR));

	@Override
	public List<String> ecidsOf(PersonIdentity identity) {
		if ("Email".equalsIgnoreCase(identity.namespace())) {
			return EMAILS.getOrDefault(identity.id().toLowerCase(Locale.ROOT), List.of());
		}
		if ("CRMID".equalsIgnoreCase(identity.namespace())) {
			return CRM_IDS.getOrDefault(identity.id(), List.of());
		}
		return List.of();
	}

}
