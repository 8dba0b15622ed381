package io.recsbridge.identity;

import java.util.Locale;

/**
 * One identifier of a person in an identity namespace. {@link #toString()} shows the
 * namespace only: ids such as email addresses never reach a log line by accident.
 *
 * @param namespace the namespace code: {@code ECID}, {@code Email}, {@code CRMID},
 * {@code Phone} or a custom one
 * @param id the identifier in that namespace
 */
public record PersonIdentity(String namespace, String id) {

	/** The Experience Cloud ID namespace, the one Target keys profiles on. */
	public static final String ECID = "ECID";

	/**
	 * Whether this is an ECID, which needs no resolution.
	 * @return {@code true} in the ECID namespace, whatever its case
	 */
	public boolean isEcid() {
		return ECID.equalsIgnoreCase(this.namespace);
	}

	String namespaceKey() {
		return this.namespace.toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "PersonIdentity[namespace=" + this.namespace + ", id=(redacted)]";
	}

}
