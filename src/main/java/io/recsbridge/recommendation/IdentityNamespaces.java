package io.recsbridge.recommendation;

/**
 * Identity namespace codes the bridge treats specially.
 */
final class IdentityNamespaces {

	static final String ECID = "ECID";

	private IdentityNamespaces() {
	}

	static boolean isEcid(String namespace) {
		return ECID.equalsIgnoreCase(namespace);
	}

}
