package io.recsbridge.recommendation;

import io.recsbridge.support.SandboxApplicationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The preview page as served: open, under a strict policy, with its script and styles
 * from the application and the sandbox's visitors on offer. The page in a real browser is
 * driven by {@code .ci/preview-page-check.js}.
 */
@SandboxApplicationTest
class PreviewPageTests {

	private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src https: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	@Autowired
	private MockMvc mvc;

	@Test
	void thePageIsServedWithoutCredentialsUnderAStrictPolicy() throws Exception {
		this.mvc.perform(get("/preview"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(header().string("Content-Security-Policy", POLICY))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(content().string(containsString("<iframe id=\"email\" sandbox=\"\"")))
			.andExpect(content().string(containsString("<script src=\"/preview/preview.js\" defer></script>")))
			.andExpect(content().string(not(containsString("<script>"))))
			.andExpect(content().string(not(containsString("style=\""))));
	}

	@Test
	void theScriptAndStylesAreTheApplicationsOwn() throws Exception {
		this.mvc.perform(get("/preview/preview.js"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", POLICY))
			.andExpect(content().string(not(containsString("innerHTML"))))
			.andExpect(content().string(not(containsString("localStorage"))));
		this.mvc.perform(get("/preview/preview.css")).andExpect(status().isOk());
	}

	@Test
	void thePageLearnsTheUseCasesAndTheKeyHeader() throws Exception {
		this.mvc.perform(get("/preview/config"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.useCases[0]").value("abandoned-cart"))
			.andExpect(jsonPath("$.useCases[1]").value("recently-viewed"))
			.andExpect(jsonPath("$.apiKeyHeader").value("X-Api-Key"));
	}

	@Test
	void theSandboxOffersItsDemoVisitors() throws Exception {
		this.mvc.perform(get("/sandbox/visitors"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].ecid").value("45781285307713846961427437541683283427"))
			.andExpect(jsonPath("$[0].useCase").value("abandoned-cart"))
			.andExpect(jsonPath("$[0].cartItems.length()").value(3))
			.andExpect(jsonPath("$[0].cartItems[0].name").value("Alpine Down Coat"))
			.andExpect(jsonPath("$[0].cartItems[0].imageUrl").value("https://cdn.example.com/img/coat-alpine-01.jpg"));
	}

}
