package io.recsbridge.security;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Which client certificates the API accepts, after the TLS handshake has checked the
 * chain to the configured CA: those whose subject common name or one of whose subject
 * alternative names (DNS, URI, e-mail) is on the allow-list. Adobe rotates the
 * certificate AJO presents without notice; a new key and serial from the same CA under
 * the same name is accepted, with nothing to re-download. Pinning a leaf would break at
 * every rotation; trusting a public CA without names would accept anyone it certified.
 */
final class ClientCertificateNames {

	/** The SAN types that carry names: rfc822Name (1), dNSName (2), URI (6). */
	private static final Set<Integer> NAME_TYPES = Set.of(1, 2, 6);

	private final Set<String> allowed;

	ClientCertificateNames(Collection<String> allowed) {
		this.allowed = Set.copyOf(allowed);
	}

	/**
	 * The certificate's name the allow-list accepts.
	 * @param certificate the client certificate, its chain already validated
	 * @return the accepted name, or {@code null} when no name of it is allowed
	 */
	String acceptedName(X509Certificate certificate) {
		for (String name : namesOf(certificate)) {
			if (this.allowed.contains(name)) {
				return name;
			}
		}
		return null;
	}

	/**
	 * The subject's common names, then its subject alternative names.
	 */
	static List<String> namesOf(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
				if ("CN".equalsIgnoreCase(rdn.getType())) {
					names.add(rdn.getValue().toString());
				}
			}
		}
		catch (InvalidNameException ex) {
			// An unparsable subject has no common name to accept.
		}
		try {
			Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
			if (alternatives != null) {
				for (List<?> alternative : alternatives) {
					if (alternative.size() == 2 && NAME_TYPES.contains(alternative.get(0))
							&& alternative.get(1) instanceof String name) {
						names.add(name);
					}
				}
			}
		}
		catch (CertificateParsingException ex) {
			// Unreadable alternative names: only the subject counts.
		}
		return names;
	}

}
