package io.recsbridge.recommendation;

import java.util.List;
import java.util.TreeSet;

import io.recsbridge.security.InboundAuthProperties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The preview page, {@code GET /preview}: plain HTML, CSS and one script served by the
 * application (no build step, no CDN), which asks the preview endpoint with the API key
 * the person types. The page itself holds nothing to protect; its headers (a strict
 * Content-Security-Policy) are set with the security configuration.
 */
@RestController
class PreviewPageController {

	static final String PAGE = "/preview";

	private static final Resource INDEX = new ClassPathResource("static/preview/index.html");

	private final PageConfig config;

	PreviewPageController(BridgeProperties bridge, InboundAuthProperties auth) {
		this.config = new PageConfig(List.copyOf(new TreeSet<>(bridge.useCases().keySet())), auth.apiKeyHeader());
	}

	@GetMapping(path = PAGE, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<Resource> page() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(INDEX);
	}

	@GetMapping(path = PAGE + "/config", produces = MediaType.APPLICATION_JSON_VALUE)
	PageConfig config() {
		return this.config;
	}

	/**
	 * What the page needs to know before anyone types a key.
	 *
	 * @param useCases the use cases' names
	 * @param apiKeyHeader the header the API key goes in
	 */
	record PageConfig(List<String> useCases, String apiKeyHeader) {
	}

}
