package io.recsbridge.system;

/**
 * An operator's configuration mistake, found at start-up: what is wrong and what to set.
 * {@link StartupRefusalAnalyzer} reports it as Spring Boot's failure analysis (one
 * screen, {@code Description:} and {@code Action:}), so it carries no stack trace: the
 * frames of the bean that found it would only bury the sentence the operator needs.
 */
public class StartupRefusal extends RuntimeException {

	private final String description;

	private final String action;

	/**
	 * A refusal to start.
	 * @param description what is wrong, in the operator's terms (variables, not classes)
	 * @param action what to set, naming the variable
	 */
	public StartupRefusal(String description, String action) {
		super(description + " " + action, null, false, false);
		this.description = description;
		this.action = action;
	}

	/**
	 * What is wrong.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * What to set.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

}
