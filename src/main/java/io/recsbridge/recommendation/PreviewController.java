package io.recsbridge.recommendation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.system.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.slf4j.MDC;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The preview: the payload a send would answer, the email it renders and why it holds
 * what it holds. Same body and authentication as the API; each preview is a real Target
 * call, so it has its own per-caller limit.
 */
@RestController
class PreviewController {

	static final String PATH = "/v1/recommendations/{useCase}/preview";

	private final RecommendationService service;

	private final EmailTemplates templates;

	private final PreviewLimits limits;

	private final ObjectMapper objectMapper;

	PreviewController(RecommendationService service, EmailTemplates templates, PreviewLimits limits,
			ObjectMapper objectMapper) {
		this.service = service;
		this.templates = templates;
		this.limits = limits;
		this.objectMapper = objectMapper;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	PreviewAnswer preview(@PathVariable String useCase, @Valid @RequestBody RecommendationRequest request,
			HttpServletRequest http, Authentication caller) {
		this.limits.take(caller);
		try (MDC.MDCCloseable journey = AccessLog.journey(request.journeyId())) {
			Preview preview = this.service.preview(useCase, request, RequestIds.of(http), Arrival.of(http));
			long rendering = System.nanoTime();
			String html = (preview.explain().status() == 200) ? this.templates.render(useCase, preview.payload()) : "";
			preview.explain().rendered(System.nanoTime() - rendering);
			return new PreviewAnswer(preview.payload(), preview.explain().view(this.objectMapper), html);
		}
	}

	/**
	 * The preview's answer.
	 *
	 * @param payload the email payload a send would have answered
	 * @param explain how it was reached
	 * @param html the use case's email template rendered against it; {@code ""} when the
	 * use case has none or the API would not have answered 200
	 */
	record PreviewAnswer(EmailPayload payload, Explain.View explain, String html) {
	}

}
