package io.recsbridge.recommendation;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.recsbridge.support.SandboxApplicationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static com.atlassian.oai.validator.mockmvc.OpenApiValidationMatchers.openApi;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every kind of answer the API gives, checked against the published
 * {@code openapi/openapi.yaml}: a renamed field, a new one, a {@code null} or an
 * undocumented status fails here before it reaches AJO or Postman.
 */
@SandboxApplicationTest
class OpenApiContractTests {

	private static final String SPEC = "openapi/openapi.yaml";

	private static final String ECID = "45781285307713846961427437541683283427";

	/** Requests and responses both as the spec says. */
	private static final OpenApiInteractionValidator STRICT = OpenApiInteractionValidator
		.createForSpecificationUrl(SPEC)
		.build();

	/**
	 * Requests deliberately wrong (no key, bad fields) checked for the response only.
	 */
	private static final OpenApiInteractionValidator RESPONSES = OpenApiInteractionValidator
		.createForSpecificationUrl(SPEC)
		.withLevelResolver(
				LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
		.build();

	@Autowired
	private MockMvc mvc;

	private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.header("X-Api-Key", SandboxApplicationTest.API_KEY));
	}

	private static MockHttpServletRequestBuilder postJson(String useCase, String body) {
		return post("/v1/recommendations/" + useCase).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	@Test
	void theAbandonedCartExampleIsAnsweredAsSpecified() throws Exception {
		perform(postJson("abandoned-cart", """
				{"ecid": "%s", "cartItemIds": ["coat-alpine-01", "coat-parka-02", "sweat-crew-03"],
				 "excludedIds": [], "maxItems": 4, "locale": "en-US", "currency": "USD",
				 "journeyId": "5d1c3e0a-2b4f-4c8e-9a61-0f3b7d2e9c14",
				 "journeyVersionId": "8f2a6c1e-7d3b-4e9a-b5c0-1e4d8a7f3b26", "actionId": "recs-abandoned-cart"}
				""".formatted(ECID))).andExpect(status().isOk())
			.andExpect(jsonPath("$.hasItems").value(true))
			.andExpect(openApi().isValid(STRICT));
	}

	@Test
	void aPreviewIsAnsweredAsSpecified() throws Exception {
		perform(post("/v1/recommendations/abandoned-cart/preview").contentType(MediaType.APPLICATION_JSON)
			.content("{\"ecid\": \"%s\", \"cartItemIds\": [\"coat-alpine-01\"]}".formatted(ECID)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.explain.visits[0].entities[0].fate").value("kept"))
			.andExpect(openApi().isValid(STRICT));
	}

	@Test
	void theRecentlyViewedExampleIsAnsweredAsSpecified() throws Exception {
		perform(postJson("recently-viewed", """
				{"ecid": "60198375211487623094512786430915527831", "maxItems": 4, "locale": "en-US",
				 "currency": "USD", "journeyId": "7c4e2a9b-1f3d-4b6a-8e05-3d9f1c7a2b48"}
				""")).andExpect(status().isOk())
			.andExpect(jsonPath("$.itemCount").value(4))
			.andExpect(openApi().isValid(STRICT));
	}

	@Test
	void aCartWithItsLinesAndAnIdentityIsAnsweredAsSpecified() throws Exception {
		perform(postJson("abandoned-cart", """
				{"identities": [{"namespace": "ECID", "id": "%s"}], "thirdPartyId": "crm-000123",
				 "cartItems": [{"id": "coat-alpine-01", "name": "Alpine Down Coat",
				   "imageUrl": "https://cdn.example.com/img/coat-alpine-01.jpg",
				   "productUrl": "https://shop.example.com/p/coat-alpine-01", "price": 249.0, "quantity": 1}],
				 "maxItems": 20, "locale": "de-DE", "currency": "EUR"}
				""".formatted(ECID))).andExpect(status().isOk()).andExpect(openApi().isValid(STRICT));
	}

	@Test
	void anIdentityThatCannotBeResolvedIsAnEmptyPayloadAsSpecified() throws Exception {
		perform(postJson("recently-viewed",
				"{\"identities\": [{\"namespace\": \"Email\", \"id\": \"nobody@example.org\"}]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reason").value("identity-not-found"))
			.andExpect(jsonPath("$.ecid").value(""))
			.andExpect(openApi().isValid(STRICT));
	}

	@Test
	void getWithQueryParametersIsAnsweredAsSpecified() throws Exception {
		perform(get("/v1/recommendations/abandoned-cart").queryParam("ecid", ECID)
			.queryParam("cartItemIds", "coat-alpine-01,sweat-crew-03")
			.queryParam("maxItems", "3")
			.queryParam("journeyId", "j-1")).andExpect(status().isOk())
			.andExpect(jsonPath("$.itemCount").value(3))
			.andExpect(openApi().isValid(STRICT));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"ecid\": \"123\"}", "{\"identities\": [{\"id\": \"jane@example.com\"}]}",
			"{\"ecid\": \"" + ECID + "\", \"maxItems\": 21}",
			"{\"ecid\": \"" + ECID + "\", \"cartItemIds\": [\"a,b\"]}", "{\"ecid\": ", "[]" })
	void badRequestsAreProblemsAsSpecified(String body) throws Exception {
		perform(postJson("abandoned-cart", body)).andExpect(status().isBadRequest())
			.andExpect(openApi().isValid(RESPONSES));
	}

	@Test
	void aBadQueryParameterIsAProblemAsSpecified() throws Exception {
		perform(get("/v1/recommendations/abandoned-cart").queryParam("ecid", ECID).queryParam("maxItems", "lots"))
			.andExpect(status().isBadRequest())
			.andExpect(openApi().isValid(RESPONSES));
	}

	@Test
	void aMissingKeyIsAProblemAsSpecified() throws Exception {
		this.mvc.perform(postJson("abandoned-cart", "{\"ecid\": \"" + ECID + "\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(openApi().isValid(RESPONSES));
	}

	@Test
	void anUnknownUseCaseIsAProblemAsSpecified() throws Exception {
		perform(postJson("back-in-stock", "{\"ecid\": \"" + ECID + "\"}")).andExpect(status().isNotFound())
			.andExpect(openApi().isValid(STRICT));
	}

	@Test
	void aBodyOverTheLimitIsAProblemAsSpecified() throws Exception {
		perform(postJson("abandoned-cart",
				"{\"ecid\": \"%s\", \"journeyId\": \"%s\"}".formatted(ECID, "j".repeat(17 * 1024))))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(openApi().isValid(RESPONSES));
	}

	@Test
	void aBodyThatIsNotJsonIsAProblemAsSpecified() throws Exception {
		perform(post("/v1/recommendations/abandoned-cart").contentType(MediaType.TEXT_PLAIN).content("ecid=" + ECID))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(openApi().isValid(RESPONSES));
	}

	@Test
	void anotherMethodIsAProblemAsSpecified() throws Exception {
		// DELETE is no operation of the spec, so the validator cannot match it: the 405's
		// shape is checked by hand against the spec's Problem.
		perform(delete("/v1/recommendations/abandoned-cart")).andExpect(status().isMethodNotAllowed())
			.andExpect(header().string("Allow", containsString("POST")))
			.andExpect(header().exists("X-Request-Id"))
			.andExpect(jsonPath("$.type").value("urn:problem-type:recs-bridge:method-not-allowed"))
			.andExpect(jsonPath("$.title").isNotEmpty())
			.andExpect(jsonPath("$.status").value(405))
			.andExpect(jsonPath("$.detail").isNotEmpty())
			.andExpect(jsonPath("$.instance").value("/v1/recommendations/abandoned-cart"));
	}

}
