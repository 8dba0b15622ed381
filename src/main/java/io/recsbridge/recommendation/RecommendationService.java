package io.recsbridge.recommendation;

import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.recsbridge.system.Deadline;
import io.recsbridge.target.GuardedTarget;
import io.recsbridge.target.TargetCallException;
import io.recsbridge.target.TargetCallException.Failure;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Answers one AJO call within the deadline: finds the visitor's ECID, then tries in order
 * a fresh cached answer, Target (one call shared by identical concurrent requests), a
 * last-good answer, and the use case's fallback policy. Target failing never fails the
 * call, except by the use case's choice ({@code error}) or when the bridge's own rate
 * limit towards Target leaves nothing to answer with (429).
 */
@Service
class RecommendationService {

	private static final Logger logger = LoggerFactory.getLogger(RecommendationService.class);

	private final UseCases useCases;

	private final GuardedTarget target;

	private final RecommendationMapper mapper;

	private final AnswerCache cache;

	private final Fallbacks fallbacks;

	private final RecommendationMetrics metrics;

	private final BridgeProperties properties;

	private final SingleFlight<AnswerKey, TargetDecision> flights = new SingleFlight<>();

	RecommendationService(UseCases useCases, GuardedTarget target, RecommendationMapper mapper, AnswerCache cache,
			Fallbacks fallbacks, RecommendationMetrics metrics, BridgeProperties properties) {
		this.useCases = useCases;
		this.target = target;
		this.mapper = mapper;
		this.cache = cache;
		this.fallbacks = fallbacks;
		this.metrics = metrics;
		this.properties = properties;
		if (target.attemptBudget().plus(properties.answerReserve()).compareTo(properties.deadline()) > 0) {
			throw new IllegalStateException("One Target attempt (TARGET_TIMEOUT plus the rate limiter's wait: "
					+ target.attemptBudget().toMillis() + " ms) and the answer reserve ("
					+ properties.answerReserve().toMillis() + " ms) must fit in BRIDGE_DEADLINE ("
					+ properties.deadline().toMillis() + " ms)");
		}
	}

	EmailPayload recommend(String useCaseName, RecommendationRequest request, String requestId) {
		UseCase useCase = this.useCases.find(useCaseName).orElseThrow(UnknownUseCaseException::new);
		long started = System.nanoTime();
		Deadline deadline = Deadline.in(this.properties.deadline());
		try {
			EmailPayload payload = answer(useCase, request, requestId, deadline);
			this.metrics.record(useCase, payload.source().label(), payload.reason().label(), payload.itemCount(),
					System.nanoTime() - started);
			return payload;
		}
		catch (UpstreamRateLimitedException ex) {
			this.metrics.record(useCase, Source.NONE.label(), "rate-limited", 0, System.nanoTime() - started);
			throw ex;
		}
		catch (TargetUnavailableException ex) {
			this.metrics.record(useCase, Source.NONE.label(), Reason.TARGET_UNAVAILABLE.label(), 0,
					System.nanoTime() - started);
			throw ex;
		}
	}

	private EmailPayload answer(UseCase useCase, RecommendationRequest request, String requestId, Deadline deadline) {
		Optional<String> found = ecidOf(request);
		if (found.isEmpty()) {
			return EmailPayload.empty(useCase.name(), "", Source.NONE, Reason.IDENTITY_NOT_FOUND, requestId);
		}
		String ecid = found.get();
		List<String> excludedIds = distinctIds(request.excludedIds().stream());
		TargetQuery query = new TargetQuery(requestId, ecid, blankToNull(request.thirdPartyId()), useCase.mbox(),
				cartIdsOf(request), excludedIds);
		int maxItems = (request.maxItems() != null) ? request.maxItems() : useCase.defaultMaxItems();
		RecommendationMapper.Audience audience = new RecommendationMapper.Audience(useCase, excludedIds, maxItems,
				localeOf(request), currencyOf(request));
		AnswerKey key = new AnswerKey(useCase.name(), ecid, (query.thirdPartyId() != null) ? query.thirdPartyId() : "",
				query.cartIdsForTarget(), excludedIds, maxItems, audience.locale().toLanguageTag(),
				audience.currency().getCurrencyCode());
		Answer answer = new Answer(useCase, ecid, requestId);
		Optional<RecommendationMapper.Recommendations> fresh = this.cache.fresh(key);
		if (fresh.isPresent()) {
			return answer.with(fresh.get(), Source.CACHE, Reason.NONE);
		}
		try {
			RecommendationMapper.Recommendations recommendations = this.mapper.map(askTarget(key, query, deadline),
					audience);
			if (recommendations.items().isEmpty()) {
				return answer.with(recommendations, Source.NONE, recommendations.reason());
			}
			this.cache.put(key, recommendations);
			return answer.with(recommendations, Source.TARGET, Reason.NONE);
		}
		catch (TargetCallException ex) {
			logger.warn("Target gave no answer for use case {}: {} ({})", useCase.name(), ex.getMessage(),
					ex.failure().outcome());
			return whenTargetFailed(answer, key, request, audience, ex);
		}
	}

	/**
	 * Waits for Target no longer than the deadline allows, keeping back what answering
	 * needs. Identical concurrent requests wait on the same call.
	 */
	private TargetDecision askTarget(AnswerKey key, TargetQuery query, Deadline deadline) {
		CompletableFuture<TargetDecision> flight = this.flights.join(key, () -> this.target.submit(query, deadline));
		long waitNanos = deadline.remaining().minus(this.properties.answerReserve()).toNanos();
		try {
			return flight.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | CancellationException ex) {
			throw new TargetCallException(Failure.DEADLINE, "Target did not answer within the deadline");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TargetCallException(Failure.DEADLINE, "Interrupted while waiting for Target");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TargetCallException failure) {
				throw failure;
			}
			logger.error("Unexpected failure calling Target", ex.getCause());
			throw new TargetCallException(Failure.INVALID_RESPONSE, "Unexpected failure calling Target", ex.getCause());
		}
	}

	/**
	 * Target failed: a last-good answer if there is one, else the use case's fallback.
	 */
	private EmailPayload whenTargetFailed(Answer answer, AnswerKey key, RecommendationRequest request,
			RecommendationMapper.Audience audience, TargetCallException failure) {
		Reason reason = (failure.failure() == Failure.REJECTED) ? Reason.TARGET_REJECTED : Reason.TARGET_UNAVAILABLE;
		Optional<RecommendationMapper.Recommendations> lastGood = this.cache.lastGood(key);
		if (lastGood.isPresent()) {
			return answer.with(lastGood.get(), Source.STALE, reason);
		}
		if (failure.failure() == Failure.RATE_LIMITED) {
			throw new UpstreamRateLimitedException(failure.retryAfter());
		}
		if (this.fallbacks.policyFor(answer.useCase()) == FallbackPolicy.ERROR) {
			throw new TargetUnavailableException(reason);
		}
		return answer.with(this.fallbacks.itemsFor(answer.useCase(), request, audience), Source.FALLBACK, reason);
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

	/**
	 * The parts of the payload that do not depend on where the items came from.
	 */
	private record Answer(UseCase useCase, String ecid, String requestId) {

		EmailPayload with(RecommendationMapper.Recommendations recommendations, Source source, Reason reason) {
			List<EmailItem> items = recommendations.items();
			return new EmailPayload(this.useCase.name(), this.ecid, !items.isEmpty(), items.size(), items, source,
					reason, recommendations.activityId(), recommendations.activityName(),
					recommendations.experienceName(), this.requestId);
		}

	}

}
