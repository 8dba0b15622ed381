package io.recsbridge.recommendation;

import java.util.List;

/**
 * The answer AJO renders the email from. Every field is always present and never
 * {@code null}: AJO infers field types from a sample payload, and a missing field breaks
 * personalization silently.
 *
 * @param useCase the use case asked for
 * @param ecid the visitor's ECID, {@code ""} when none was found
 * @param hasItems whether {@code items} has at least one item
 * @param itemCount how many items (the cart's lines are counted in {@code cart})
 * @param items the recommendations, ranked from 1; never an item of the cart
 * @param cart the abandoned cart AJO sent, whatever Target did
 * @param source where the items came from
 * @param reason why there are no items, or why they did not come from Target
 * @param activityId the Target activity that chose the items
 * @param activityName the activity's name
 * @param experienceName the activity's experience
 * @param requestId correlates this answer with the bridge's and Target's logs
 */
public record EmailPayload(String useCase, String ecid, boolean hasItems, int itemCount, List<EmailItem> items,
		EmailCart cart, Source source, Reason reason, String activityId, String activityName, String experienceName,
		String requestId) {

	public EmailPayload {
		items = List.copyOf(items);
	}

	/**
	 * An answer with no recommendations.
	 * @param useCase the use case
	 * @param ecid the ECID, or {@code ""}
	 * @param cart the cart
	 * @param source where the (absent) items came from
	 * @param reason why there are none
	 * @param requestId the request id
	 * @return the payload
	 */
	static EmailPayload empty(String useCase, String ecid, EmailCart cart, Source source, Reason reason,
			String requestId) {
		return new EmailPayload(useCase, ecid, false, 0, List.of(), cart, source, reason, "", "", "", requestId);
	}

}
