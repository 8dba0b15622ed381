package io.recsbridge.recommendation;

import io.recsbridge.system.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.slf4j.MDC;

import org.springframework.http.MediaType;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint AJO's custom action calls: {@code POST} with a JSON body, or {@code GET}
 * with the same fields as query parameters.
 */
@RestController
@RequestMapping(path = "/v1/recommendations/{useCase}", produces = MediaType.APPLICATION_JSON_VALUE)
class RecommendationController {

	private final RecommendationService service;

	RecommendationController(RecommendationService service) {
		this.service = service;
	}

	/**
	 * Query parameters bind through the request record's constructor only: it reads AJO's
	 * blank values as not sent, and setting list elements afterwards would undo that.
	 */
	@InitBinder
	void constructorBindingOnly(WebDataBinder binder) {
		binder.setDeclarativeBinding(true);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	EmailPayload post(@PathVariable String useCase, @Valid @RequestBody RecommendationRequest request,
			HttpServletRequest http) {
		try (MDC.MDCCloseable journey = AccessLog.journey(request.journeyId())) {
			return this.service.recommend(useCase, request, RequestIds.of(http), Arrival.of(http));
		}
	}

	@GetMapping
	EmailPayload get(@PathVariable String useCase, @Valid @ModelAttribute RecommendationRequest request,
			HttpServletRequest http) {
		try (MDC.MDCCloseable journey = AccessLog.journey(request.journeyId())) {
			return this.service.recommend(useCase, request, RequestIds.of(http), Arrival.of(http));
		}
	}

}
