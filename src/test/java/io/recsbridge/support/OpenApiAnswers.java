package io.recsbridge.support;

import java.net.http.HttpResponse;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers received over real HTTP checked against the published
 * {@code openapi/openapi.yaml}, for the statuses only a real Target failing or a limit
 * can produce (429, 503) and the ones only a configured scheme can (403).
 */
public final class OpenApiAnswers {

	private static final OpenApiInteractionValidator RESPONSES = OpenApiInteractionValidator
		.createForSpecificationUrl("openapi/openapi.yaml")
		.withLevelResolver(
				LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
		.build();

	private OpenApiAnswers() {
	}

	/**
	 * Fails unless the spec documents this answer, status, headers and body.
	 * @param method the request's method
	 * @param path the request's path, without the query
	 * @param response the answer
	 */
	public static void assertAsSpecified(String method, String path, HttpResponse<String> response) {
		SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
		response.headers().map().forEach(answer::withHeader);
		ValidationReport report = RESPONSES.validateResponse(path, Request.Method.valueOf(method), answer.build());
		assertThat(report.getMessages()).as("%s %s -> %d against openapi.yaml", method, path, response.statusCode())
			.isEmpty();
	}

}
