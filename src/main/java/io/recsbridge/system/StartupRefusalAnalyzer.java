package io.recsbridge.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a {@link StartupRefusal}, wherever it sits in the chain of causes (a bean's
 * creation, a property's binding), into Boot's {@code APPLICATION FAILED TO START}
 * report. First among the analyzers: Boot's own binding analyzer would otherwise report a
 * refusal found while binding a properties record as a binding failure.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupRefusalAnalyzer extends AbstractFailureAnalyzer<StartupRefusal> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartupRefusal cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
