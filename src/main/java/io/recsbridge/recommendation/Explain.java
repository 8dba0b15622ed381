package io.recsbridge.recommendation;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.identity.PersonIdentity;
import io.recsbridge.target.TargetCallException;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetOption;

/**
 * Records one preview as the service answers it, and shows it as the {@code explain}
 * object: who was asked for, what was sent to Target and what came back, the fate of
 * every entity, the caches asked, the fallback, and how long each step took.
 * <p>
 * Only the preview creates one. What it holds is what the caller sent and what Target
 * returned; never a header, so never a credential. A Target call the request stopped
 * waiting for may still report on its own thread, hence the locking.
 */
final class Explain implements Trace {

	/**
	 * Each option's content is shown up to this many characters (of its JSON, or of the
	 * string Target sent), so that a runaway design cannot make the preview huge.
	 */
	static final int OPTION_CONTENT_LIMIT = 8192;

	private final UseCase useCase;

	private final List<VisitRecord> visits = new ArrayList<>();

	private final Map<String, Double> timings = new LinkedHashMap<>();

	private Identities identities = new Identities(null, List.of(), List.of());

	private FallbackView fallback;

	private final List<EntityView> fallbackEntities = new ArrayList<>();

	private final Map<String, CartLineView> cart = new LinkedHashMap<>();

	private int status;

	private final long created = System.nanoTime();

	Explain(UseCase useCase) {
		this.useCase = useCase;
	}

	@Override
	public boolean preview() {
		return true;
	}

	@Override
	public synchronized void identities(String ecid, List<PersonIdentity> identities, List<String> ecids) {
		this.identities = new Identities((ecid != null && !ecid.isBlank()) ? ecid.strip() : null,
				identities.stream().map((identity) -> new IdentityView(identity.namespace(), identity.id())).toList(),
				List.copyOf(ecids));
		this.timings.put("identities", millis(System.nanoTime() - this.created));
	}

	@Override
	public synchronized Visit visit(String ecid) {
		VisitRecord visit = new VisitRecord(ecid);
		this.visits.add(visit);
		return visit;
	}

	@Override
	public synchronized void fallback(FallbackPolicy policy, Reason reason, TargetCallException failure) {
		String why = failure.failure().outcome() + ": " + failure.getMessage();
		if (policy == null) {
			this.fallback = new FallbackView("", "none: the bridge's rate limit towards Target had no permit in time, "
					+ "so the API answers 429 and AJO retries", reason.label(), why);
			return;
		}
		String taken = switch (policy) {
			case ERROR -> "none: the policy is error, so the API answers 503 and the journey takes its error path";
			case CART_ITEMS -> "no items: cart-items is read as empty, the cart being in every answer";
			case STATIC -> "the configured static items";
			case EMPTY -> "no items";
		};
		this.fallback = new FallbackView(policy.name().toLowerCase(Locale.ROOT).replace('_', '-'), taken,
				reason.label(), why);
	}

	@Override
	public CartLog cartLines() {
		return (line, sent, fromCatalog) -> {
			synchronized (this) {
				// The cart is shaped once per answer; a refused answer shapes it again.
				this.cart.put(line.id(),
						new CartLineView(line.id(), line.quantity(), ordered(sent), ordered(fromCatalog)));
			}
		};
	}

	@Override
	public EntityLog fallbackEntities() {
		return (option, entity, fate, rank) -> {
			synchronized (this) {
				this.fallbackEntities.add(EntityView.of(option, this.fallbackEntities.size() + 1, entity, fate, rank));
			}
		};
	}

	synchronized void answered(int status, long nanos) {
		this.status = status;
		this.timings.put("total", millis(nanos));
	}

	synchronized int status() {
		return this.status;
	}

	synchronized void rendered(long nanos) {
		this.timings.put("render", millis(nanos));
	}

	/**
	 * The explanation as the preview answers it.
	 * @param objectMapper writes the Target request bodies as JSON
	 * @return the view
	 */
	synchronized View view(ObjectMapper objectMapper) {
		return new View(this.useCase.name(), this.useCase.mbox(), this.status, this.identities,
				List.copyOf(this.cart.values()), this.visits.stream().map((visit) -> visit.view(objectMapper)).toList(),
				this.fallback, List.copyOf(this.fallbackEntities), ordered(this.timings), OPTION_CONTENT_LIMIT);
	}

	private static <V> Map<String, V> ordered(Map<String, V> map) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(map));
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 10_000.0) / 100.0;
	}

	/**
	 * One ECID's part of the preview.
	 */
	private static final class VisitRecord implements Trace.Visit {

		private final String ecid;

		private final List<String[]> caches = new ArrayList<>();

		private final List<Attempt> attempts = new ArrayList<>();

		private final List<EntityView> entities = new ArrayList<>();

		private List<OptionView> options = List.of();

		private String outcome = "";

		private String failure = "";

		private String source = "";

		private String reason = "";

		private final Map<String, Double> timings = new LinkedHashMap<>();

		private Map<String, String> tokens = Map.of();

		private final long started = System.nanoTime();

		private long decidedAt;

		VisitRecord(String ecid) {
			this.ecid = ecid;
		}

		@Override
		public synchronized void sent(URI url, Object body) {
			this.attempts.add(new Attempt(url, body, System.nanoTime()));
		}

		@Override
		public synchronized void answered(int status) {
			if (!this.attempts.isEmpty()) {
				Attempt last = this.attempts.get(this.attempts.size() - 1);
				last.status = status;
				last.nanos = System.nanoTime() - last.started;
			}
		}

		@Override
		public synchronized void cache(String cache, String result) {
			this.caches.add(new String[] { cache, result });
		}

		@Override
		public synchronized void decided(TargetDecision decision) {
			this.decidedAt = System.nanoTime();
			this.outcome = "success";
			this.timings.put("target", millis(this.decidedAt - this.started));
			this.options = decision.options().stream().map(OptionView::of).toList();
			this.tokens = decision.options()
				.stream()
				.map(TargetOption::responseTokens)
				.filter((tokens) -> tokens.containsKey("activity.id"))
				.findFirst()
				.orElse(Map.of());
		}

		@Override
		public synchronized void failed(TargetCallException failure) {
			this.outcome = failure.failure().outcome();
			this.failure = failure.getMessage();
			this.timings.put("target", millis(System.nanoTime() - this.started));
		}

		@Override
		public EntityLog entities() {
			return (option, entity, fate, rank) -> {
				synchronized (this) {
					this.entities.add(EntityView.of(option, this.entities.size() + 1, entity, fate, rank));
				}
			};
		}

		@Override
		public synchronized void answered(Source source, Reason reason) {
			this.source = source.label();
			this.reason = reason.label();
			if (this.decidedAt != 0) {
				this.timings.put("mapping", millis(System.nanoTime() - this.decidedAt));
			}
		}

		synchronized VisitView view(ObjectMapper objectMapper) {
			List<CacheView> caches = this.caches.stream().map((cache) -> new CacheView(cache[0], cache[1])).toList();
			List<AttemptView> attempts = this.attempts.stream()
				.map((attempt) -> new AttemptView("POST", attempt.url.toString(),
						objectMapper.valueToTree(attempt.body), attempt.status,
						(attempt.status != 0) ? millis(attempt.nanos) : null))
				.toList();
			TargetView target = new TargetView(attempts, this.outcome, this.failure,
					this.tokens.getOrDefault("activity.id", ""), this.tokens.getOrDefault("activity.name", ""),
					this.tokens.getOrDefault("experience.name", ""), this.options);
			return new VisitView(this.ecid, caches, target, List.copyOf(this.entities), this.source, this.reason,
					ordered(this.timings));
		}

	}

	/** One HTTP attempt, filled in as it goes. */
	private static final class Attempt {

		private final URI url;

		private final Object body;

		private final long started;

		private int status;

		private long nanos;

		Attempt(URI url, Object body, long started) {
			this.url = url;
			this.body = body;
			this.started = started;
		}

	}

	/**
	 * The {@code explain} object.
	 *
	 * @param useCase the use case
	 * @param mbox its mbox
	 * @param status what the API would answer: 200, or 429/503 with a problem
	 * @param identities who was asked for
	 * @param cart the cart's lines and where their fields came from
	 * @param visits per ECID, in the order asked
	 * @param fallback the fallback taken and why, or {@code null} when Target answered
	 * @param fallbackEntities the fallback's entities and their fates
	 * @param timings milliseconds per step
	 * @param optionContentLimit characters of each option's content shown
	 */
	record View(String useCase, String mbox, int status, Identities identities, List<CartLineView> cart,
			List<VisitView> visits, FallbackView fallback, List<EntityView> fallbackEntities,
			Map<String, Double> timings, int optionContentLimit) {
	}

	/**
	 * The identities given and what they resolved to.
	 *
	 * @param ecid the ECID given, or {@code null}
	 * @param given the other identities given
	 * @param ecids the ECIDs Target was asked for
	 */
	record Identities(String ecid, List<IdentityView> given, List<String> ecids) {
	}

	/**
	 * One identity given.
	 *
	 * @param namespace its namespace
	 * @param id its value
	 */
	record IdentityView(String namespace, String id) {
	}

	/**
	 * One ECID's answer.
	 *
	 * @param ecid the ECID
	 * @param caches the caches asked, in order, with their results
	 * @param target the exchange with Target
	 * @param entities every entity Target's content held, with its fate
	 * @param source where this ECID's items came from
	 * @param reason why, when not all went well
	 * @param timings milliseconds per step
	 */
	record VisitView(String ecid, List<CacheView> caches, TargetView target, List<EntityView> entities, String source,
			String reason, Map<String, Double> timings) {
	}

	/**
	 * One cache asked.
	 *
	 * @param cache which
	 * @param result {@code hit}, {@code miss} or why it was skipped
	 */
	record CacheView(String cache, String result) {
	}

	/**
	 * The exchange with Target for one ECID.
	 *
	 * @param attempts each HTTP attempt, retries included
	 * @param outcome {@code success} or the failure's kind ({@code timeout}...)
	 * @param failure what went wrong, {@code ""} on success
	 * @param activityId the activity that answered
	 * @param activityName its name
	 * @param experienceName its experience
	 * @param options the options as received
	 */
	record TargetView(List<AttemptView> attempts, String outcome, String failure, String activityId,
			String activityName, String experienceName, List<OptionView> options) {
	}

	/**
	 * One HTTP attempt.
	 *
	 * @param method the method
	 * @param url the URL (it carries no credential)
	 * @param body the request body as sent
	 * @param status Target's HTTP status, 0 when none came
	 * @param millis how long until the status came, {@code null} when none came
	 */
	record AttemptView(String method, String url, JsonNode body, int status, Double millis) {
	}

	/**
	 * One option as received.
	 *
	 * @param type Target's option type
	 * @param content the content as text, cut at {@link #OPTION_CONTENT_LIMIT} characters
	 * @param length the content's whole length in characters
	 * @param truncated whether {@code content} was cut
	 * @param responseTokens the option's response tokens
	 */
	record OptionView(String type, String content, int length, boolean truncated, Map<String, String> responseTokens) {

		static OptionView of(TargetOption option) {
			JsonNode content = option.content();
			String text;
			if (content == null || content.isMissingNode() || content.isNull()) {
				text = "";
			}
			else {
				text = content.isTextual() ? content.asText() : content.toString();
			}
			boolean truncated = text.length() > OPTION_CONTENT_LIMIT;
			return new OptionView(option.type(), truncated ? text.substring(0, OPTION_CONTENT_LIMIT) : text,
					text.length(), truncated, option.responseTokens());
		}

	}

	/**
	 * One entity and its fate.
	 *
	 * @param option the option it came from
	 * @param position its position among the entities, from 1
	 * @param id its id as rendered
	 * @param name its name as rendered
	 * @param fate {@code kept} or why it was dropped
	 * @param rank its rank in the items when kept, else 0
	 * @param attributes every attribute as rendered
	 */
	record EntityView(int option, int position, String id, String name, Fate fate, int rank,
			Map<String, String> attributes) {

		static EntityView of(int option, int position, Map<String, String> entity, Fate fate, int rank) {
			return new EntityView(option, position, entity.getOrDefault("id", ""), entity.getOrDefault("name", ""),
					fate, rank, ordered(entity));
		}

	}

	/**
	 * One cart line: what the request gave, and what Target's catalog completed.
	 *
	 * @param id the line's id
	 * @param quantity its quantity
	 * @param sent the fields the request gave, in the design's names
	 * @param fromCatalog the fields the catalog gave that the request did not
	 */
	record CartLineView(String id, int quantity, Map<String, String> sent, Map<String, String> fromCatalog) {
	}

	/**
	 * The fallback taken.
	 *
	 * @param policy the use case's policy
	 * @param taken what it answers with
	 * @param reason the answer's reason
	 * @param why the failure that led to it
	 */
	record FallbackView(String policy, String taken, String reason, String why) {
	}

}
