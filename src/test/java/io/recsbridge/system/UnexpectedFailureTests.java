package io.recsbridge.system;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The last resort: a failure nothing expected is a 500 problem in the house shape that
 * says nothing of what failed (no message, class or stack). A controller of the test's
 * own throws it, since the application's own paths answer every failure they know.
 */
@WebMvcTest(controllers = UnexpectedFailureTests.Failing.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(UnexpectedFailureTests.Failing.class)
class UnexpectedFailureTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void anUnexpectedFailureIsA500ProblemThatRevealsNothingOfIt() throws Exception {
		this.mvc.perform(get("/v1/fails"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.type").value("urn:problem-type:recs-bridge:internal-error"))
			.andExpect(jsonPath("$.status").value(500))
			.andExpect(jsonPath("$.detail").value("The request could not be answered"))
			.andExpect(jsonPath("$.instance").value("/v1/fails"))
			.andExpect(content().string(allOf(not(containsString("s3cr3t")),
					not(containsString("IllegalStateException")), not(containsString("io.recsbridge")))));
	}

	@RestController
	static class Failing {

		@GetMapping("/v1/fails")
		String fail() {
			throw new IllegalStateException("s3cr3t from io.recsbridge.Internal");
		}

	}

}
