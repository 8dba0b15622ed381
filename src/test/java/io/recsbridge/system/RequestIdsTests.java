package io.recsbridge.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller's request id is kept only when it is a short, plain token.
 */
class RequestIdsTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "3f0c8b8e-4c1e-4a55-9a5e-0f5d0f7b1f6e", "ajo.run_42-x",
			"0123456789012345678901234567890123456789012345678901234567890123" })
	void aSaneIdIsKept(String id) {
		assertThat(RequestIds.accept(id)).isEqualTo(id);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "01234567890123456789012345678901234567890123456789012345678901234", "a b", "a\nb", "a/b",
			"ç" })
	void anythingElseIsReplacedByAUuid(String id) {
		assertThat(RequestIds.accept(id)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	}

	@Test
	void withoutTheFilterARequestStillGetsAnId() {
		assertThat(RequestIds.of(new MockHttpServletRequest())).hasSize(36);
	}

}
