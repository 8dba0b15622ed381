package io.recsbridge.recommendation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.recsbridge.catalog.Catalog;
import io.recsbridge.identity.IdentityResolution;
import io.recsbridge.system.Deadline;
import io.recsbridge.target.TargetCallException;
import io.recsbridge.target.TargetCallException.Failure;

import org.springframework.stereotype.Service;

/**
 * Answers one AJO call within the deadline: finds the person's ECIDs (one per device, a
 * few at most), starts every ECID's {@link Visits visit} (fresh cache, Target, last-good
 * answer) and the catalog's lookups for the cart, then puts one answer together; when
 * Target failed for every ECID the use case's fallback policy answers. Target failing
 * never fails the call, except by the use case's choice ({@code error}) or when the
 * bridge's own rate limit towards Target leaves nothing to answer with (429).
 */
@Service
class RecommendationService {

	private final UseCases useCases;

	private final IdentityResolution identities;

	private final Visits visits;

	private final RecommendationMapper mapper;

	private final Fallbacks fallbacks;

	private final Catalog catalog;

	private final RecommendationMetrics metrics;

	private final BridgeProperties properties;

	RecommendationService(UseCases useCases, IdentityResolution identities, Visits visits, RecommendationMapper mapper,
			Fallbacks fallbacks, Catalog catalog, RecommendationMetrics metrics, BridgeProperties properties) {
		this.useCases = useCases;
		this.identities = identities;
		this.visits = visits;
		this.mapper = mapper;
		this.fallbacks = fallbacks;
		this.catalog = catalog;
		this.metrics = metrics;
		this.properties = properties;
	}

	/**
	 * @param arrival when the server began reading the request, on the
	 * {@link System#nanoTime()} clock: the deadline counts from there
	 */
	EmailPayload recommend(String useCaseName, RecommendationRequest raw, String requestId, long arrival) {
		UseCase useCase = this.useCases.find(useCaseName).orElseThrow(UnknownUseCaseException::new);
		EmailRequest request = EmailRequest.of(raw, useCase, this.properties);
		Deadline deadline = Deadline.since(arrival, this.properties.deadline());
		if (!deadline.allows(this.properties.answerReserve())) {
			// It waited in the server (CPU, a slow body) until no answer can be on time.
			this.metrics.recordOverloaded(useCase.name(), System.nanoTime() - arrival);
			throw new Overload();
		}
		// Started now, waited on last: the catalog's lookups run beside identity
		// resolution and the Target calls.
		Catalog.Lookup entities = this.catalog.lookUp(request.cartIds());
		try {
			EmailPayload payload = answer(useCase, request, entities, requestId, deadline, Trace.NONE);
			recordAnswer(useCase, payload.source().label(), payload.reason().label(), payload.itemCount(),
					payload.ecid(), arrival);
			return payload;
		}
		catch (UpstreamRateLimitedException ex) {
			recordAnswer(useCase, Source.NONE.label(), "rate-limited", 0, "", arrival);
			throw ex;
		}
		catch (TargetUnavailableException ex) {
			recordAnswer(useCase, Source.NONE.label(), ex.reason().label(), 0, "", arrival);
			throw ex;
		}
	}

	/**
	 * What a send would answer, asked of Target now (never of the fresh cache, and
	 * writing no cache), with how it was reached. Counted apart from the API's requests.
	 * @param useCaseName the use case
	 * @param raw the request as a send's
	 * @param requestId the request id
	 * @param arrival when the server began reading the request: the deadline counts from
	 * there, as a send's does
	 * @return the payload and its explanation
	 */
	Preview preview(String useCaseName, RecommendationRequest raw, String requestId, long arrival) {
		UseCase useCase = this.useCases.find(useCaseName).orElseThrow(UnknownUseCaseException::new);
		EmailRequest request = EmailRequest.of(raw, useCase, this.properties);
		Deadline deadline = Deadline.since(arrival, this.properties.deadline());
		Catalog.Lookup entities = this.catalog.lookUp(request.cartIds());
		Explain explain = new Explain(useCase);
		EmailPayload payload;
		int status = 200;
		try {
			payload = answer(useCase, request, entities, requestId, deadline, explain);
		}
		catch (UpstreamRateLimitedException ex) {
			// A send would have failed: the preview shows that status, and the cart the
			// email would have had.
			status = ex.getStatusCode().value();
			payload = withoutItems(useCase, request, requestId, entities, deadline, explain, Reason.TARGET_UNAVAILABLE);
		}
		catch (TargetUnavailableException ex) {
			status = ex.getStatusCode().value();
			payload = withoutItems(useCase, request, requestId, entities, deadline, explain, ex.reason());
		}
		explain.answered(status, System.nanoTime() - arrival);
		this.metrics.recordPreview(useCase, status, payload.source().label());
		return new Preview(payload, explain);
	}

	/** Every answered request: the contract's metrics and one access log line. */
	private void recordAnswer(UseCase useCase, String source, String reason, int itemCount, String ecid, long arrival) {
		long elapsedNanos = System.nanoTime() - arrival;
		this.metrics.record(useCase, source, reason, itemCount, elapsedNanos);
		AccessLog.log(useCase, source, reason, itemCount, ecid, elapsedNanos);
	}

	private EmailPayload withoutItems(UseCase useCase, EmailRequest request, String requestId, Catalog.Lookup entities,
			Deadline deadline, Trace trace, Reason reason) {
		RecommendationMapper.Audience audience = RecommendationMapper.Audience.of(useCase, request);
		return frame(useCase, "", requestId, request, audience, entities, deadline, trace).with(reason);
	}

	private EmailPayload answer(UseCase useCase, EmailRequest request, Catalog.Lookup entities, String requestId,
			Deadline deadline, Trace trace) {
		RecommendationMapper.Audience audience = RecommendationMapper.Audience.of(useCase, request);
		List<String> ecids = request.namesSomeone()
				? this.identities.ecidsOf(request.ecid(), request.identities(), deadline) : List.of();
		trace.identities(request.ecid(), request.identities(), ecids);
		if (ecids.isEmpty()) {
			return frame(useCase, "", requestId, request, audience, entities, deadline, trace)
				.with(Reason.IDENTITY_NOT_FOUND);
		}
		// Every ECID's call starts before any is waited on: several devices cost one
		// Target round trip, not one each.
		List<Visit> started = ecids.stream()
			.map((ecid) -> this.visits.start(useCase, request, requestId, ecid, deadline, trace))
			.toList();
		List<Outcome> outcomes = started.stream()
			.map((visit) -> this.visits.land(visit, audience, deadline, trace))
			.toList();
		return combine(frame(useCase, ecids.get(0), requestId, request, audience, entities, deadline, trace), outcomes,
				audience, trace);
	}

	/**
	 * The parts of the payload that do not depend on where the items came from, the cart
	 * among them: the request's lines, shaped like the recommendations, completed with
	 * what the catalog gave by the time the answer must go.
	 */
	private Answer frame(UseCase useCase, String ecid, String requestId, EmailRequest request,
			RecommendationMapper.Audience audience, Catalog.Lookup entities, Deadline deadline, Trace trace) {
		Map<String, Map<String, String>> found = entities
			.await(deadline.remainingBefore(this.properties.answerReserve()));
		return new Answer(useCase, ecid, requestId,
				this.mapper.cart(request.cart(), found, audience, trace.cartLines()));
	}

	/**
	 * One answer from every ECID's: their items interleaved by rank, best source first;
	 * when none has items, why; when Target failed for them all, the fallback.
	 */
	private EmailPayload combine(Answer answer, List<Outcome> outcomes, RecommendationMapper.Audience audience,
			Trace trace) {
		List<Outcome> withItems = outcomes.stream().filter(Outcome::hasItems).toList();
		TargetCallException failure = outcomes.stream()
			.map(Outcome::failure)
			.filter((f) -> f != null)
			.findFirst()
			.orElse(null);
		if (!withItems.isEmpty()) {
			Source source = withItems.stream().map(Outcome::source).min(Comparator.naturalOrder()).orElseThrow();
			Reason reason = (source == Source.STALE) ? Reason.of(failure) : Reason.NONE;
			return answer.with(DeviceMerge.merge(withItems, audience.maxItems()), source, reason);
		}
		if (failure != null) {
			return whenTargetFailed(answer, audience, failure, trace);
		}
		RecommendationMapper.Recommendations none = outcomes.stream()
			.map(Outcome::recommendations)
			.filter((recommendations) -> recommendations.reason() == Reason.INVALID_CONTENT)
			.findFirst()
			.orElse(outcomes.get(0).recommendations());
		return answer.with(none, Source.NONE, none.reason());
	}

	/**
	 * Target failed and no last-good answer exists: the use case's fallback for the
	 * items. Out of rate-limit permits with no cart to show, a 429 lets AJO retry; with a
	 * cart, the email has something to say now.
	 */
	private EmailPayload whenTargetFailed(Answer answer, RecommendationMapper.Audience audience,
			TargetCallException failure, Trace trace) {
		Reason reason = Reason.of(failure);
		FallbackPolicy policy = this.fallbacks.policyFor(answer.useCase());
		boolean retryLater = failure.failure() == Failure.RATE_LIMITED && !answer.cart().hasItems();
		trace.fallback(retryLater ? null : policy, reason, failure);
		if (retryLater) {
			throw new UpstreamRateLimitedException(failure.retryAfter());
		}
		if (policy == FallbackPolicy.ERROR) {
			throw new TargetUnavailableException(reason);
		}
		return answer.with(this.fallbacks.itemsFor(answer.useCase(), audience, trace.fallbackEntities()),
				Source.FALLBACK, reason);
	}

	/**
	 * The parts of the payload that do not depend on where the items came from: the cart
	 * among them.
	 */
	private record Answer(UseCase useCase, String ecid, String requestId, EmailCart cart) {

		EmailPayload with(RecommendationMapper.Recommendations recommendations, Source source, Reason reason) {
			List<EmailItem> items = recommendations.items();
			return new EmailPayload(this.useCase.name(), this.ecid, !items.isEmpty(), items.size(), items, this.cart,
					source, reason, recommendations.activityId(), recommendations.activityName(),
					recommendations.experienceName(), this.requestId);
		}

		EmailPayload with(Reason reason) {
			return EmailPayload.empty(this.useCase.name(), this.ecid, this.cart, Source.NONE, reason, this.requestId);
		}

	}

}
