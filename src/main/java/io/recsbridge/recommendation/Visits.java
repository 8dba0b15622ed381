package io.recsbridge.recommendation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.recsbridge.system.Deadline;
import io.recsbridge.system.RequestSlots;
import io.recsbridge.target.GuardedTarget;
import io.recsbridge.target.TargetCallException;
import io.recsbridge.target.TargetCallException.Failure;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One ECID's way to its items: {@link #start started} from the fresh cache or a Target
 * call (one call shared by identical concurrent requests), then {@link #land landed} when
 * the deadline allows, with the ECID's last-good answer standing in when Target fails.
 */
@Component
class Visits {

	private static final Logger logger = LoggerFactory.getLogger(Visits.class);

	private final GuardedTarget target;

	private final AnswerCache cache;

	private final RecommendationMapper mapper;

	private final Duration answerReserve;

	private final SingleFlight<AnswerKey, TargetDecision> flights = new SingleFlight<>();

	Visits(GuardedTarget target, AnswerCache cache, RecommendationMapper mapper, BridgeProperties properties) {
		this.target = target;
		this.cache = cache;
		this.mapper = mapper;
		this.answerReserve = properties.answerReserve();
	}

	/**
	 * Starts one ECID's answer without waiting for it. A preview always starts its own
	 * Target call.
	 */
	Visit start(UseCase useCase, EmailRequest request, String requestId, String ecid, Deadline deadline, Trace trace) {
		Trace.Visit heard = trace.visit(ecid);
		TargetQuery query = new TargetQuery(requestId, ecid, request.thirdPartyId(), useCase.mbox(), request.cartIds(),
				request.excludedIds(), heard);
		// The whole cart, not only the ten ids Target reads: every cart id is kept out of
		// the items.
		AnswerKey key = new AnswerKey(useCase.name(), ecid, (query.thirdPartyId() != null) ? query.thirdPartyId() : "",
				request.cartIds(), request.excludedIds(), request.maxItems(), request.locale().toLanguageTag(),
				request.currency().getCurrencyCode());
		if (!trace.preview()) {
			Optional<RecommendationMapper.Recommendations> fresh = this.cache.fresh(key);
			if (fresh.isPresent()) {
				return new Visit.Cached(key, fresh.get(), heard);
			}
		}
		else {
			heard.cache(AnswerCache.FRESH, "skipped: a preview always asks Target");
		}
		try {
			CompletableFuture<TargetDecision> flight = trace.preview() ? this.target.submit(query, deadline)
					: this.flights.join(key, () -> this.target.submit(query, deadline));
			return new Visit.InFlight(key, flight, heard);
		}
		catch (TargetCallException ex) {
			return new Visit.Refused(key, ex, heard);
		}
	}

	/**
	 * Waits for the visit's Target call as long as the deadline allows and maps its
	 * decision; when Target fails, the ECID's last-good answer stands in if there is one.
	 */
	Outcome land(Visit visit, RecommendationMapper.Audience audience, Deadline deadline, Trace trace) {
		Trace.Visit heard = visit.trace();
		if (visit instanceof Visit.Cached cached) {
			heard.cache(AnswerCache.FRESH, "hit");
			heard.answered(Source.CACHE, cached.recommendations().reason());
			return new Outcome(cached.recommendations(), Source.CACHE, null);
		}
		try {
			TargetDecision decision = awaitDecision(visit, deadline);
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
			// access log line, recs_bridge_target_calls_seconds and the breaker's
			// transitions say it.
			logger.debug("Target gave no answer for use case {}: {} ({})", visit.key().useCase(), ex.getMessage(),
					ex.failure().outcome());
			heard.failed(ex);
			Optional<RecommendationMapper.Recommendations> lastGood = this.cache.lastGood(visit.key());
			heard.cache(AnswerCache.LAST_GOOD, lastGood.isPresent() ? "hit" : "miss");
			heard.answered(lastGood.isPresent() ? Source.STALE : Source.NONE, Reason.of(ex));
			return new Outcome(lastGood.orElse(null), lastGood.isPresent() ? Source.STALE : null, ex);
		}
	}

	/**
	 * Target's decision for a visit not answered from the cache, waited for no longer
	 * than the deadline allows, keeping back what answering needs.
	 */
	private TargetDecision awaitDecision(Visit visit, Deadline deadline) {
		if (visit instanceof Visit.Refused refused) {
			throw refused.failure();
		}
		CompletableFuture<TargetDecision> flight = ((Visit.InFlight) visit).flight();
		// Waiting for Target needs no CPU: the request's slot goes to another meanwhile.
		try (RequestSlots.Away away = flight.isDone() ? RequestSlots.Away.NOTHING : RequestSlots.away()) {
			return flight.get(deadline.remainingBefore(this.answerReserve).toNanos(), TimeUnit.NANOSECONDS);
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

}
