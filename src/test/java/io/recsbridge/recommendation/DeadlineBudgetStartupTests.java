package io.recsbridge.recommendation;

import io.recsbridge.RecsBridgeApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The time budget is checked when the service starts, not discovered in production: one
 * Target attempt and the answer reserve must fit in the deadline.
 */
class DeadlineBudgetStartupTests {

	@Test
	void aTimeoutThatCannotFitInTheDeadlineRefusesToStartAndSaysWhy() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(RecsBridgeApplication.class).run("--server.port=0",
					"--management.server.port=0", "--target.timeout=650ms", "--bridge.deadline=700ms"))
			.havingRootCause()
			.withMessageContaining("TARGET_TIMEOUT")
			.withMessageContaining("BRIDGE_DEADLINE (700 ms)");
	}

}
