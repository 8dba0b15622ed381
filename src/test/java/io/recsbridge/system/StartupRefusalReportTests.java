package io.recsbridge.system;

import io.recsbridge.RecsBridgeApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An operator's start-up mistake explains itself in one screen: Boot's failure analysis
 * with what is wrong and what to set, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalReportTests {

	@Test
	void aRefusalDeepInABeansCreationIsReportedAsItsDescriptionAndAction() {
		StartupRefusal refusal = new StartupRefusal("X is wrong.", "Set X_VARIABLE.");
		BeanCreationException failure = new BeanCreationException("someBean", "creating it failed",
				new IllegalStateException("wrapped", refusal));

		FailureAnalysis analysis = new StartupRefusalAnalyzer().analyze(failure);

		assertThat(analysis.getDescription()).isEqualTo("X is wrong.");
		assertThat(analysis.getAction()).isEqualTo("Set X_VARIABLE.");
		assertThat(refusal.getStackTrace()).as("a refusal carries no frames").isEmpty();
	}

	@Test
	void aRealTargetWithoutInboundAuthenticationPrintsOneScreenNamingTheVariables(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(RecsBridgeApplication.class).run("--target.client-code=acme",
					"--target.base-url=http://127.0.0.1:9", "--server.port=0", "--management.server.port=0"));

		String report = output.getAll().substring(output.getAll().indexOf("APPLICATION FAILED TO START"));
		assertThat(report).contains("Description:", "no inbound authentication is configured", "Action:",
				"BRIDGE_API_KEYS", "BRIDGE_AUTH=none");
		assertThat(output.getAll()).as("no stack trace anywhere in the output")
			.doesNotContain("\tat org.springframework")
			.doesNotContain("\tat io.recsbridge");
		assertThat(report.lines().count()).as("one screen").isLessThan(25);
	}

}
