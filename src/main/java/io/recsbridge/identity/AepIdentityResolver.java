package io.recsbridge.identity;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.AccessToken;
import io.recsbridge.ims.ImsException;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;
import io.recsbridge.ims.UpstreamUnauthorizedException;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Resolves identities through the AEP Identity Service's cluster members: every identity
 * linked to the given one, of which the ECIDs (namespace id 4) are kept. Members come as
 * objects {@code {"nsid": 4, "id": "..."}} or as {@code "4|..."} strings; both are read.
 */
class AepIdentityResolver implements IdentityResolver {

	/** The standard namespace id of ECID. */
	static final int ECID_NSID = 4;

	private static final Pattern ECID_VALUE = Pattern.compile("[0-9]{38}");

	private final RestClient restClient;

	private final URI baseUrl;

	private final ImsTokens tokens;

	private final ImsProperties credential;

	private final String sandboxName;

	private final Duration timeout;

	AepIdentityResolver(RestClient restClient, AepIdentityProperties properties, ImsTokens tokens,
			ImsProperties credential) {
		this.restClient = restClient;
		this.baseUrl = properties.identity().baseUrl();
		this.tokens = tokens;
		this.credential = credential;
		this.sandboxName = properties.sandboxName();
		this.timeout = properties.identity().timeout();
	}

	@Override
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public List<String> ecidsOf(PersonIdentity identity) {
		try {
			return this.tokens.withToken((token) -> members(token, identity));
		}
		catch (UpstreamUnauthorizedException ex) {
			throw new IdentityLookupException("The AEP Identity Service refused a fresh IMS token");
		}
		catch (ImsException ex) {
			throw new IdentityLookupException("No IMS token for the AEP Identity Service: " + ex.getMessage());
		}
	}

	private List<String> members(AccessToken token, PersonIdentity identity) {
		URI uri = UriComponentsBuilder.fromUri(this.baseUrl)
			.path("/identity/cluster/members")
			.query("ns={ns}&id={id}")
			.encode()
			.buildAndExpand(identity.namespace(), identity.id())
			.toUri();
		try {
			JsonNode answer = this.restClient.get()
				.uri(uri)
				.accept(MediaType.APPLICATION_JSON)
				.headers((headers) -> AdobeApis.authenticate(headers, token, this.credential, this.sandboxName))
				.exchange((request, response) -> {
					HttpStatusCode status = response.getStatusCode();
					if (status.value() == HttpStatus.UNAUTHORIZED.value()) {
						throw new UpstreamUnauthorizedException("The AEP Identity Service answered HTTP 401");
					}
					if (status.value() == HttpStatus.NO_CONTENT.value()
							|| status.value() == HttpStatus.NOT_FOUND.value()) {
						return null;
					}
					if (!status.is2xxSuccessful()) {
						// The error body can repeat the identity asked for: never read.
						throw new IdentityLookupException("The AEP Identity Service answered HTTP " + status.value());
					}
					return response.bodyTo(JsonNode.class);
				});
			return ecidsIn(answer);
		}
		catch (RestClientException ex) {
			throw new IdentityLookupException("The AEP Identity Service could not be reached or answered garbage");
		}
	}

	static List<String> ecidsIn(JsonNode answer) {
		List<String> ecids = new ArrayList<>();
		if (answer == null) {
			return ecids;
		}
		for (JsonNode cluster : answer.path("clusters")) {
			for (JsonNode member : cluster.path("members")) {
				String ecid = ecidOf(member);
				if (ecid != null && !ecids.contains(ecid)) {
					ecids.add(ecid);
				}
			}
		}
		return ecids;
	}

	private static String ecidOf(JsonNode member) {
		int nsid;
		String id;
		if (member.isObject()) {
			nsid = member.path("nsid").asInt(-1);
			id = member.path("id").asText("");
		}
		else if (member.isTextual() && member.asText().indexOf('|') > 0) {
			String text = member.asText();
			int bar = text.indexOf('|');
			nsid = parseNsid(text.substring(0, bar));
			id = text.substring(bar + 1);
		}
		else {
			return null;
		}
		return (nsid == ECID_NSID && ECID_VALUE.matcher(id).matches()) ? id : null;
	}

	private static int parseNsid(String text) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
