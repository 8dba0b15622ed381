package io.recsbridge.sandbox;

import java.util.List;

/**
 * The Adobe organization the sandbox's Edge road emulates: one Developer Console
 * credential (documented demo values, like the demo API key: they open nothing but the
 * emulators), one AEP sandbox, and one datastream with only Target enabled, whose Target
 * settings name {@code CRMID} as the third-party id namespace.
 */
final class EmulatedAdobeOrg {

	static final String ORG_ID = "5A4DB0C5E2D7A1B40A495C99@AdobeOrg";

	static final String CLIENT_ID = "recs-bridge-sandbox";

	static final String CLIENT_SECRET = "sandbox-demo-secret";

	static final List<String> SCOPES = List.of("openid", "AdobeID", "read_organizations",
			"additional_info.projectedProductContext", "session");

	/** AEP's default sandbox; the datastream lives there only. */
	static final String SANDBOX_NAME = "prod";

	static final String DATASTREAM_ID = "6f1c9a2e-3b4d-4e5f-8a7b-0c1d2e3f4a5b";

	/** The datastream's "Target Third Party ID Namespace". */
	static final String THIRD_PARTY_ID_NAMESPACE = "CRMID";

	/** The Edge Network cluster the emulated edge answers from. */
	static final String EDGE_CLUSTER = "or2";

	private EmulatedAdobeOrg() {
	}

}
