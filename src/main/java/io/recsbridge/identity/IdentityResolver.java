package io.recsbridge.identity;

import java.time.Duration;
import java.util.List;

/**
 * Finds the ECIDs (devices) linked to a person's identity. The AEP Identity Service
 * implementation is active when {@code AEP_IDENTITY_BASE_URL} is set; the sandbox
 * registers one for its demo visitors. With neither, only ECIDs are known.
 */
public interface IdentityResolver {

	/**
	 * The ECIDs linked to the identity.
	 * @param identity an identity in a namespace other than ECID
	 * @return the ECIDs, most relevant first; empty when none is linked
	 * @throws IdentityLookupException when the lookup itself failed
	 */
	List<String> ecidsOf(PersonIdentity identity);

	/**
	 * The longest one lookup may take: a lookup starts only while the request's deadline
	 * has this much left.
	 * @return the lookup's timeout; zero for a lookup in memory
	 */
	default Duration timeout() {
		return Duration.ZERO;
	}

}
