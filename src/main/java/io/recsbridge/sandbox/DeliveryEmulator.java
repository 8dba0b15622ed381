package io.recsbridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.recsbridge.sandbox.EmulatedRequest.Mbox;
import io.recsbridge.sandbox.EmulatedResponse.MboxResponse;

/**
 * The part of the Target Delivery API the bridge uses: {@code execute} mboxes that record
 * views in the visitor's profile, and the two Recommendations activities, rendered
 * through the project's design. Validates what Target validates, so the bridge cannot
 * pass here with a request Target would refuse.
 */
final class DeliveryEmulator {

	static final String PRODUCT_VIEW = "product-view";

	static final String ABANDONED_CART = "ajo-abandoned-cart";

	static final String RECENTLY_VIEWED = "ajo-recently-viewed";

	/** The cluster {@code 28} in the tntId's location hint. */
	static final String EDGE_HOST = "mboxedge28.tt.omtrdc.net";

	private static final String LOCATION_HINT = ".28_0";

	/** Target reads only the first ten {@code cartIds}. */
	private static final int MAX_CART_IDS = 10;

	private static final int MAX_ID_LENGTH = 128;

	/** 1-128 printable characters, no space, {@code ?} or {@code /}. */
	private static final Pattern SESSION_ID = Pattern.compile("[!-~&&[^?/]]{1,128}");

	private final Catalog catalog;

	private final VisitorProfiles profiles;

	private final Recommender recommender;

	private final DesignRenderer renderer;

	DeliveryEmulator(Catalog catalog, VisitorProfiles profiles, DesignRenderer renderer) {
		this.catalog = catalog;
		this.profiles = profiles;
		this.recommender = new Recommender(catalog);
		this.renderer = renderer;
	}

	EmulatedResponse deliver(String client, String sessionId, EmulatedRequest request) {
		if (client == null || client.isBlank()) {
			throw new InvalidDeliveryRequestException("Query parameter 'client' is required");
		}
		if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
			throw new InvalidDeliveryRequestException(
					"Query parameter 'sessionId' is required: 1-128 printable characters, no space, '?' or '/'");
		}
		if (request == null) {
			throw new InvalidDeliveryRequestException("A DeliveryRequest body is required");
		}
		if (request.context() == null || request.context().channel() == null || request.context().channel().isBlank()) {
			throw new InvalidDeliveryRequestException("context.channel is required");
		}
		String visitor = visitorOf(request.id());
		List<MboxResponse> answers = null;
		if (request.execute() != null && request.execute().mboxes() != null) {
			answers = new ArrayList<>();
			List<Mbox> mboxes = request.execute().mboxes();
			for (int position = 0; position < mboxes.size(); position++) {
				Mbox mbox = mboxes.get(position);
				if (mbox == null || mbox.name() == null || mbox.name().isBlank()) {
					throw new InvalidDeliveryRequestException("execute.mboxes[" + position + "].name is required");
				}
				record(visitor, mbox);
				answers.add(answer(visitor, (mbox.index() != null) ? mbox.index() : position, mbox));
			}
		}
		String requestId = (request.requestId() != null && !request.requestId().isBlank()) ? request.requestId()
				: UUID.randomUUID().toString();
		return new EmulatedResponse(200, requestId, client, idsFor(request.id(), visitor), EDGE_HOST,
				(answers != null) ? new EmulatedResponse.Execute(answers) : null);
	}

	/**
	 * The profile key: the ECID, else the id Target would merge the profile by.
	 */
	private static String visitorOf(EmulatedRequest.VisitorId id) {
		if (id != null) {
			for (String candidate : Arrays.asList(id.marketingCloudVisitorId(), id.thirdPartyId(), id.tntId())) {
				if (candidate != null && !candidate.isBlank()) {
					if (candidate.length() > MAX_ID_LENGTH) {
						throw new InvalidDeliveryRequestException("Visitor ids are at most 128 characters");
					}
					return candidate;
				}
			}
		}
		throw new InvalidDeliveryRequestException(
				"One of id.marketingCloudVisitorId, id.thirdPartyId or id.tntId is required");
	}

	/**
	 * Any mbox carrying {@code entity.id} counts as a view, unless the call says it only
	 * shows details. A cart is never recorded: Target keeps none.
	 */
	private void record(String visitor, Mbox mbox) {
		String entityId = mbox.parameter("entity.id");
		if (entityId != null && !"true".equalsIgnoreCase(mbox.parameter("entity.event.detailsOnly"))
				&& this.catalog.find(entityId.strip()).isPresent()) {
			this.profiles.recordView(visitor, entityId.strip());
		}
	}

	private MboxResponse answer(String visitor, int index, Mbox mbox) {
		List<String> excludedIds = commaList(mbox.parameter("excludedIds"), Integer.MAX_VALUE);
		Recommendation recommendation;
		Activity activity;
		if (ABANDONED_CART.equals(mbox.name())) {
			recommendation = this.recommender.cartBased(commaList(mbox.parameter("cartIds"), MAX_CART_IDS),
					excludedIds);
			activity = Activity.ABANDONED_CART;
		}
		else if (RECENTLY_VIEWED.equals(mbox.name())) {
			recommendation = this.recommender.recentlyViewed(this.profiles.get(visitor), excludedIds);
			activity = Activity.RECENTLY_VIEWED;
		}
		else {
			// No activity on this location: Target answers the mbox without options.
			return new MboxResponse(index, mbox.name(), List.of());
		}
		EmulatedResponse.Option option = new EmulatedResponse.Option("json", this.renderer.renderJson(recommendation),
				activity.responseTokens());
		return new MboxResponse(index, mbox.name(), List.of(option));
	}

	private static EmulatedResponse.VisitorId idsFor(EmulatedRequest.VisitorId sent, String visitor) {
		String tntId = (sent.tntId() != null && !sent.tntId().isBlank()) ? sent.tntId()
				: UUID.nameUUIDFromBytes(visitor.getBytes(StandardCharsets.UTF_8)) + LOCATION_HINT;
		return new EmulatedResponse.VisitorId(tntId, sent.thirdPartyId(), sent.marketingCloudVisitorId());
	}

	static List<String> commaList(String value, int limit) {
		if (value == null) {
			return List.of();
		}
		return Arrays.stream(value.split(","))
			.map(String::strip)
			.filter((id) -> !id.isEmpty())
			.distinct()
			.limit(limit)
			.toList();
	}

}
