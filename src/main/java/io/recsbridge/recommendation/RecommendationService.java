package io.recsbridge.recommendation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.recsbridge.catalog.Catalog;
import io.recsbridge.identity.IdentityResolution;
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
 * Answers one AJO call within the deadline: finds the person's ECIDs (one per device, a
 * few at most), then for each, in parallel, tries in order a fresh cached answer, Target
 * (one call shared by identical concurrent requests) and a last-good answer; their items
 * are merged, and when Target failed for every ECID the use case's fallback policy
 * answers. Target failing never fails the call, except by the use case's choice
 * ({@code error}) or when the bridge's own rate limit towards Target leaves nothing to
 * answer with (429).
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

	private final IdentityResolution identities;

	private final Catalog catalog;

	private final SingleFlight<AnswerKey, TargetDecision> flights = new SingleFlight<>();

	RecommendationService(UseCases useCases, IdentityResolution identities, GuardedTarget target,
			RecommendationMapper mapper, AnswerCache cache, Fallbacks fallbacks, RecommendationMetrics metrics,
			BridgeProperties properties, Catalog catalog) {
		this.useCases = useCases;
		this.identities = identities;
		this.target = target;
		this.mapper = mapper;
		this.cache = cache;
		this.fallbacks = fallbacks;
		this.metrics = metrics;
		this.properties = properties;
		this.catalog = catalog;
	}

	/**
	 * @param arrival when the server began reading the request, on the
	 * {@link System#nanoTime()} clock: the deadline counts from there
	 */
	EmailPayload recommend(String useCaseName, RecommendationRequest raw, String requestId, long arrival) {
		UseCase useCase = this.useCases.find(useCaseName).orElseThrow(UnknownUseCaseException::new);
		EmailRequest request = EmailRequest.of(raw, useCase, this.properties);
		long started = arrival;
		Deadline deadline = Deadline.since(arrival, this.properties.deadline());
		if (!deadline.allows(this.properties.answerReserve())) {
			// It waited in the server (CPU, a slow body) until no answer can be on time.
			this.metrics.recordOverloaded(useCase.name(), System.nanoTime() - started);
			throw new Overload();
		}
		// Started now, waited on last: the catalog's lookups run beside identity
		// resolution and the Target call.
		Catalog.Lookup entities = this.catalog.lookUp(request.cartIds());
		try {
			EmailPayload payload = answer(useCase, request, entities, requestId, deadline, Trace.NONE);
			recordAnswer(useCase, payload.source().label(), payload.reason().label(), payload.itemCount(),
					payload.ecid(), started);
			return payload;
		}
		catch (UpstreamRateLimitedException ex) {
			recordAnswer(useCase, Source.NONE.label(), "rate-limited", 0, "", started);
			throw ex;
		}
		catch (TargetUnavailableException ex) {
			recordAnswer(useCase, Source.NONE.label(), ex.reason().label(), 0, "", started);
			throw ex;
		}
	}

	/**
	 * What a send would answer, asked of Target now (never of the fresh cache, and
	 * writing no cache), with how it was reached. Counted apart from the API's requests.
	 * @param useCaseName the use case
	 * @param request the request as a send's
	 * @param requestId the request id
	 * @param arrival when the server began reading the request: the deadline counts from
	 * there, as a send's does
	 * @return the payload and its explanation
	 */
	Preview preview(String useCaseName, RecommendationRequest raw, String requestId, long arrival) {
		UseCase useCase = this.useCases.find(useCaseName).orElseThrow(UnknownUseCaseException::new);
		EmailRequest request = EmailRequest.of(raw, useCase, this.properties);
		long started = arrival;
		Deadline deadline = Deadline.since(arrival, this.properties.deadline());
		Catalog.Lookup entities = this.catalog.lookUp(request.cartIds());
		Explain explain = new Explain(useCase);
		EmailPayload payload;
		int status = 200;
		try {
			payload = answer(useCase, request, entities, requestId, deadline, explain);
		}
		catch (UpstreamRateLimitedException ex) {
			status = ex.getStatusCode().value();
			payload = EmailPayload.empty(useCase.name(), "", cart(request, useCase, entities, deadline, explain),
					Source.NONE, Reason.TARGET_UNAVAILABLE, requestId);
		}
		catch (TargetUnavailableException ex) {
			status = ex.getStatusCode().value();
			payload = EmailPayload.empty(useCase.name(), "", cart(request, useCase, entities, deadline, explain),
					Source.NONE, ex.reason(), requestId);
		}
		long elapsedNanos = System.nanoTime() - started;
		explain.answered(status, elapsedNanos);
		this.metrics.recordPreview(useCase, status, payload.source().label());
		return new Preview(payload, explain);
	}

	/** Every answered request: the contract's metrics and one access log line. */
	private void recordAnswer(UseCase useCase, String source, String reason, int itemCount, String ecid, long started) {
		long elapsedNanos = System.nanoTime() - started;
		this.metrics.record(useCase, source, reason, itemCount, elapsedNanos);
		AccessLog.log(useCase, source, reason, itemCount, ecid, elapsedNanos);
	}

	private EmailPayload answer(UseCase useCase, EmailRequest request, Catalog.Lookup entities, String requestId,
			Deadline deadline, Trace trace) {
		List<String> ecids = request.namesSomeone()
				? this.identities.ecidsOf(request.ecid(), request.identities(), deadline) : List.of();
		trace.identities(request.ecid(), request.identities(), ecids);
		if (ecids.isEmpty()) {
			return EmailPayload.empty(useCase.name(), "", cart(request, useCase, entities, deadline, trace),
					Source.NONE, Reason.IDENTITY_NOT_FOUND, requestId);
		}
		RecommendationMapper.Audience audience = RecommendationMapper.Audience.of(useCase, request);
		// Every ECID's call starts before any is waited on: several devices cost one
		// Target round trip, not one each.
		List<Visit> visits = ecids.stream()
			.map((ecid) -> visit(useCase, request, requestId, ecid, deadline, trace))
			.toList();
		List<Outcome> outcomes = visits.stream().map((visit) -> land(visit, audience, deadline, trace)).toList();
		return combine(new Answer(useCase, ecids.get(0), requestId, cart(request, useCase, entities, deadline, trace)),
				outcomes, audience, trace);
	}

	/**
	 * The cart block: the request's lines, shaped like the recommendations, completed
	 * with what the catalog gave by the time the answer must go (lookups started with the
	 * request, in parallel with Target).
	 */
	private EmailCart cart(EmailRequest request, UseCase useCase, Catalog.Lookup entities, Deadline deadline,
			Trace trace) {
		Map<String, Map<String, String>> found = entities
			.await(deadline.remaining().minus(this.properties.answerReserve()));
		return this.mapper.cart(request.cart(), found, RecommendationMapper.Audience.of(useCase, request),
				trace.cartLines());
	}

	/**
	 * One ECID's answer: a fresh cached one, or the Target call started for it (one call
	 * shared by identical concurrent requests). A preview always starts its own call.
	 */
	private Visit visit(UseCase useCase, EmailRequest request, String requestId, String ecid, Deadline deadline,
			Trace trace) {
		Trace.Visit heard = trace.visit(ecid);
		TargetQuery query = new TargetQuery(requestId, ecid, request.thirdPartyId(), useCase.mbox(), request.cartIds(),
				request.excludedIds(), heard);
		// The whole cart, not only the ten ids Target reads: every cart id is kept out of
		// the items.
		AnswerKey key = new AnswerKey(useCase.name(), ecid, (query.thirdPartyId() != null) ? query.thirdPartyId() : "",
				request.cartIds(), request.excludedIds(), request.maxItems(), request.locale().toLanguageTag(),
				request.currency().getCurrencyCode());
		if (trace.preview()) {
			heard.cache(AnswerCache.FRESH, "skipped: a preview always asks Target");
			try {
				return new Visit(useCase, key, null, this.target.submit(query, deadline), null, heard);
			}
			catch (TargetCallException ex) {
				return new Visit(useCase, key, null, null, ex, heard);
			}
		}
		Optional<RecommendationMapper.Recommendations> fresh = this.cache.fresh(key);
		if (fresh.isPresent()) {
			return new Visit(useCase, key, fresh.get(), null, null, heard);
		}
		try {
			return new Visit(useCase, key, null, this.flights.join(key, () -> this.target.submit(query, deadline)),
					null, heard);
		}
		catch (TargetCallException ex) {
			return new Visit(useCase, key, null, null, ex, heard);
		}
	}

	/**
	 * Waits for the visit's Target call as long as the deadline allows; when Target
	 * fails, the ECID's last-good answer stands in if there is one.
	 */
	private Outcome land(Visit visit, RecommendationMapper.Audience audience, Deadline deadline, Trace trace) {
		Trace.Visit heard = visit.trace();
		if (visit.cached() != null) {
			heard.cache(AnswerCache.FRESH, "hit");
			heard.answered(Source.CACHE, visit.cached().reason());
			return new Outcome(visit.cached(), Source.CACHE, null);
		}
		try {
			if (visit.refused() != null) {
				throw visit.refused();
			}
			TargetDecision decision = awaitTarget(visit.flight(), deadline);
			heard.decided(decision);
			RecommendationMapper.Recommendations recommendations = this.mapper.map(decision, audience,
					heard.entities());
			if (!recommendations.items().isEmpty() && !trace.preview()) {
				this.cache.put(visit.key(), recommendations);
			}
			heard.answered(Source.TARGET, recommendations.reason());
			return new Outcome(recommendations, Source.TARGET, null);
		}
		catch (TargetCallException ex) {
			// Debug only: when Target is down this would be a line per request; the
			// access log
			// line, recs_bridge_target_calls_seconds and the breaker's transitions say
			// it.
			logger.debug("Target gave no answer for use case {}: {} ({})", visit.useCase().name(), ex.getMessage(),
					ex.failure().outcome());
			heard.failed(ex);
			Optional<RecommendationMapper.Recommendations> lastGood = this.cache.lastGood(visit.key());
			heard.cache(AnswerCache.LAST_GOOD, lastGood.isPresent() ? "hit" : "miss");
			heard.answered(lastGood.isPresent() ? Source.STALE : Source.NONE, reasonOf(ex));
			return new Outcome(lastGood.orElse(null), lastGood.isPresent() ? Source.STALE : null, ex);
		}
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
			Reason reason = (source == Source.STALE) ? reasonOf(failure) : Reason.NONE;
			return answer.with(merge(withItems, audience.maxItems()), source, reason);
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
	 * Several devices' items, unique by id and best rank first: every device's first
	 * item, then every device's second... The first device's activity is credited.
	 */
	private static RecommendationMapper.Recommendations merge(List<Outcome> outcomes, int maxItems) {
		RecommendationMapper.Recommendations first = outcomes.get(0).recommendations();
		if (outcomes.size() == 1) {
			return first;
		}
		List<EmailItem> merged = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int longest = outcomes.stream().mapToInt((outcome) -> outcome.recommendations().items().size()).max().orElse(0);
		for (int rank = 0; rank < longest; rank++) {
			for (Outcome outcome : outcomes) {
				List<EmailItem> items = outcome.recommendations().items();
				if (rank < items.size() && merged.size() < maxItems && seen.add(items.get(rank).id())) {
					merged.add(items.get(rank).withRank(merged.size() + 1));
				}
			}
		}
		return new RecommendationMapper.Recommendations(merged, Reason.NONE, first.activityId(), first.activityName(),
				first.experienceName());
	}

	/**
	 * Waits for Target no longer than the deadline allows, keeping back what answering
	 * needs.
	 */
	private TargetDecision awaitTarget(CompletableFuture<TargetDecision> flight, Deadline deadline) {
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

	private static Reason reasonOf(TargetCallException failure) {
		return (failure != null && failure.failure() == Failure.REJECTED) ? Reason.TARGET_REJECTED
				: Reason.TARGET_UNAVAILABLE;
	}

	/**
	 * Target failed and no last-good answer exists: the use case's fallback for the
	 * items. Out of rate-limit permits with no cart to show, a 429 lets AJO retry; with a
	 * cart, the email has something to say now.
	 */
	private EmailPayload whenTargetFailed(Answer answer, RecommendationMapper.Audience audience,
			TargetCallException failure, Trace trace) {
		Reason reason = reasonOf(failure);
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
	 * One ECID's answer under way: cached, in flight, or refused before it started.
	 */
	private record Visit(UseCase useCase, AnswerKey key, RecommendationMapper.Recommendations cached,
			CompletableFuture<TargetDecision> flight, TargetCallException refused, Trace.Visit trace) {
	}

	/**
	 * One ECID's answer landed: recommendations from {@code source}, and the failure when
	 * Target gave none (a last-good answer may still stand in).
	 */
	private record Outcome(RecommendationMapper.Recommendations recommendations, Source source,
			TargetCallException failure) {

		boolean hasItems() {
			return this.recommendations != null && !this.recommendations.items().isEmpty();
		}

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

	}

}
