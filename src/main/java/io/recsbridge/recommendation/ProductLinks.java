package io.recsbridge.recommendation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns catalog URLs into links an email can carry: absolute, https, and tagged with the
 * use case's tracking parameters.
 */
final class ProductLinks {

	private final URI imageBase;

	private final URI productBase;

	ProductLinks(BridgeProperties.Catalog catalog) {
		this.imageBase = directory(catalog.imageBaseUrl());
		this.productBase = directory(catalog.productBaseUrl());
	}

	String image(String url) {
		return absolute(url, this.imageBase);
	}

	/**
	 * The product page with tracking parameters; parameters of the same name already
	 * there are replaced, the rest of the query and any fragment kept.
	 */
	String product(String url, Map<String, String> encodedTracking) {
		String absolute = absolute(url, this.productBase);
		if (absolute.isEmpty() || encodedTracking.isEmpty()) {
			return absolute;
		}
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(absolute);
		encodedTracking.forEach(builder::replaceQueryParam);
		return builder.build(true).toUriString();
	}

	/**
	 * An absolute https URL, or {@code ""} when there is none to give: blank, relative
	 * without a base, malformed, or not a web link at all ({@code javascript:},
	 * {@code mailto:}).
	 */
	private static String absolute(String url, URI base) {
		if (url.isEmpty()) {
			return "";
		}
		String candidate = url.startsWith("//") ? "https:" + url : url;
		URI uri = parse(candidate);
		if (uri == null) {
			return "";
		}
		if (!uri.isAbsolute()) {
			if (base == null) {
				return "";
			}
			uri = base.resolve(uri);
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			return "";
		}
		// Mail clients warn on plain-http links and images; shop catalogs serve both.
		return scheme.equals("https") ? uri.toString() : "https" + uri.toString().substring(scheme.length());
	}

	private static URI parse(String url) {
		try {
			return new URI(url.replace(" ", "%20"));
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * A base whose path ends with a slash, so that {@code p/1} resolves below it rather
	 * than beside it.
	 */
	private static URI directory(URI base) {
		if (base == null) {
			return null;
		}
		String path = base.getRawPath();
		return (path != null && path.endsWith("/")) ? base : URI.create(base + "/");
	}

}
