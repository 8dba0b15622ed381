package io.recsbridge.recommendation;

import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.recsbridge.target.TargetCallException;
import io.recsbridge.target.TargetClient;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Answers one AJO call: finds the visitor's ECID, asks Target for the use case's mbox,
 * maps the answer. Target failing never fails the call: it is answered with an empty
 * payload that says why, so the journey can branch on {@code hasItems}.
 */
@Service
class RecommendationService {

	private static final Logger logger = LoggerFactory.getLogger(RecommendationService.class);

	private final UseCases useCases;

	private final TargetClient target;

	private final RecommendationMapper mapper;

	private final RecommendationMetrics metrics;

	private final BridgeProperties properties;

	RecommendationService(UseCases useCases, TargetClient target, RecommendationMapper mapper,
			RecommendationMetrics metrics, BridgeProperties properties) {
		this.useCases = useCases;
		this.target = target;
		this.mapper = mapper;
		this.metrics = metrics;
		this.properties = properties;
	}

	EmailPayload recommend(String useCaseName, RecommendationRequest request, String requestId) {
		UseCase useCase = this.useCases.find(useCaseName).orElseThrow(() -> new UnknownUseCaseException());
		long started = System.nanoTime();
		EmailPayload payload = answer(useCase, request, requestId);
		this.metrics.record(useCase, payload, System.nanoTime() - started);
		return payload;
	}

	private EmailPayload answer(UseCase useCase, RecommendationRequest request, String requestId) {
		Optional<String> ecid = ecidOf(request);
		if (ecid.isEmpty()) {
			return EmailPayload.empty(useCase.name(), "", Source.NONE, Reason.IDENTITY_NOT_FOUND, requestId);
		}
		List<String> excludedIds = distinctIds(request.excludedIds().stream());
		TargetQuery query = new TargetQuery(requestId, ecid.get(), blankToNull(request.thirdPartyId()), useCase.mbox(),
				cartIdsOf(request), excludedIds);
		TargetDecision decision;
		try {
			decision = this.target.execute(query);
		}
		catch (TargetCallException ex) {
			logger.warn("Target call failed for use case {}: {} ({})", useCase.name(), ex.getMessage(),
					ex.failure().outcome());
			Reason reason = (ex.failure() == TargetCallException.Failure.REJECTED) ? Reason.TARGET_REJECTED
					: Reason.TARGET_UNAVAILABLE;
			return EmailPayload.empty(useCase.name(), ecid.get(), Source.FALLBACK, reason, requestId);
		}
		int maxItems = (request.maxItems() != null) ? request.maxItems() : useCase.defaultMaxItems();
		RecommendationMapper.Recommendations recommendations = this.mapper.map(decision,
				new RecommendationMapper.Audience(useCase, excludedIds, maxItems, localeOf(request),
						currencyOf(request)));
		List<EmailItem> items = recommendations.items();
		return new EmailPayload(useCase.name(), ecid.get(), !items.isEmpty(), items.size(), items,
				items.isEmpty() ? Source.NONE : Source.TARGET, recommendations.reason(), recommendations.activityId(),
				recommendations.activityName(), recommendations.experienceName(), requestId);
	}

	/**
	 * The ECID given directly, else the first identity in the ECID namespace. Other
	 * namespaces need the Identity Service, which this version does not call.
	 */
	private static Optional<String> ecidOf(RecommendationRequest request) {
		if (request.ecid() != null && !request.ecid().isBlank()) {
			return Optional.of(request.ecid());
		}
		return request.identities()
			.stream()
			.filter((identity) -> IdentityNamespaces.isEcid(identity.namespace()))
			.map(RecommendationRequest.Identity::id)
			.findFirst();
	}

	/** The cart as Target should see it: listed ids first, then the lines' ids. */
	private static List<String> cartIdsOf(RecommendationRequest request) {
		return distinctIds(Stream.concat(request.cartItemIds().stream(),
				request.cartItems().stream().map(RecommendationRequest.CartItem::id)));
	}

	/** AJO sends {@code ""} for an event field that was empty: such ids are skipped. */
	private static List<String> distinctIds(Stream<String> ids) {
		Set<String> distinct = new LinkedHashSet<>();
		ids.filter((id) -> id != null && !id.isBlank()).map(String::strip).forEach(distinct::add);
		return List.copyOf(distinct);
	}

	private Locale localeOf(RecommendationRequest request) {
		if (request.locale() == null || request.locale().isBlank()) {
			return this.properties.defaultLocale();
		}
		return Locale.forLanguageTag(request.locale().replace('_', '-'));
	}

	private Currency currencyOf(RecommendationRequest request) {
		if (request.currency() == null || request.currency().isBlank()) {
			return this.properties.defaultCurrency();
		}
		return Currency.getInstance(request.currency());
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
