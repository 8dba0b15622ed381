package io.recsbridge.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.recsbridge.system.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The ECIDs to ask Target for, for one person: the ECID given, ECIDs among the
 * identities, then the ECIDs the configured {@link IdentityResolver} links to the other
 * identities, at most {@code bridge.identity.max-ecids} in all. Lookups are cached, found
 * and not found, in a bounded cache. Identities are never logged and never become metric
 * labels: the {@code namespace} label is one of the configured namespaces or
 * {@code other}.
 */
@Component
public class IdentityResolution {

	private static final Logger logger = LoggerFactory.getLogger(IdentityResolution.class);

	/** Metric label of namespaces that are not configured. */
	static final String OTHER = "other";

	private final IdentityResolver resolver;

	private final IdentityProperties properties;

	private final MeterRegistry registry;

	/** Configured namespaces by lower-cased code, to their label. */
	private final Map<String, String> namespaces = new TreeMap<>();

	private final Cache<PersonIdentity, List<String>> lookups;

	IdentityResolution(ObjectProvider<IdentityResolver> resolvers, IdentityProperties properties,
			MeterRegistry registry) {
		this.resolver = resolvers.getIfAvailable();
		this.properties = properties;
		this.registry = registry;
		IdentityProperties.STANDARD_NAMESPACES.forEach(this::addNamespace);
		properties.namespaces().forEach(this::addNamespace);
		this.lookups = Caffeine.newBuilder()
			.maximumSize(properties.cacheMaxEntries())
			.expireAfter(new FoundOrNot(properties.cacheTtl(), properties.notFoundTtl()))
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(registry, this.lookups, "recs-bridge-identity");
	}

	private void addNamespace(String code) {
		this.namespaces.put(code.toLowerCase(Locale.ROOT), code);
	}

	/**
	 * The person's ECIDs, in order: the ECID given, ECIDs among the identities, resolved
	 * ones in the identities' order; no more than the configured maximum. A lookup starts
	 * only while the deadline still has the lookup's timeout left.
	 * @param ecid the ECID given directly, or {@code null}
	 * @param identities the person's other identities
	 * @param deadline the request's deadline
	 * @return distinct ECIDs; empty when none was found
	 */
	public List<String> ecidsOf(String ecid, List<PersonIdentity> identities, Deadline deadline) {
		Set<String> ecids = new LinkedHashSet<>();
		if (ecid != null && !ecid.isBlank()) {
			ecids.add(ecid.strip());
			count(PersonIdentity.ECID, "passthrough");
		}
		for (PersonIdentity identity : identities) {
			if (identity.isEcid()) {
				ecids.add(identity.id().strip());
				count(PersonIdentity.ECID, "passthrough");
			}
		}
		for (PersonIdentity identity : identities) {
			if (ecids.size() >= this.properties.maxEcids()) {
				break;
			}
			if (!identity.isEcid()) {
				ecids.addAll(resolve(identity, deadline));
			}
		}
		return new ArrayList<>(ecids).subList(0, Math.min(ecids.size(), this.properties.maxEcids()));
	}

	private List<String> resolve(PersonIdentity identity, Deadline deadline) {
		String label = this.namespaces.get(identity.namespaceKey());
		if (label == null) {
			count(OTHER, "unsupported");
			return List.of();
		}
		if (this.resolver == null) {
			count(label, "no_resolver");
			return List.of();
		}
		PersonIdentity key = new PersonIdentity(label, identity.id().strip());
		List<String> cached = this.lookups.getIfPresent(key);
		if (cached != null) {
			count(label, cached.isEmpty() ? "not_found" : "found");
			return cached;
		}
		if (!deadline.allows(this.resolver.timeout())) {
			count(label, "deadline");
			return List.of();
		}
		try {
			List<String> found = List.copyOf(this.resolver.ecidsOf(key));
			this.lookups.put(key, found);
			count(label, found.isEmpty() ? "not_found" : "found");
			logger.debug("An identity in namespace {} resolved to {} ECIDs", label, found.size());
			return found;
		}
		catch (IdentityLookupException ex) {
			// Not cached: the next request asks again.
			count(label, "error");
			logger.warn("Identity lookup in namespace {} failed: {}", label, ex.getMessage());
			return List.of();
		}
	}

	/**
	 * Forgets every lookup (tests).
	 */
	public void clear() {
		this.lookups.invalidateAll();
	}

	private void count(String namespace, String outcome) {
		Counter.builder("recs.bridge.identity.resolutions")
			.description("Identities resolved to ECIDs, by namespace and outcome")
			.tags("namespace", namespace, "outcome", outcome)
			.register(this.registry)
			.increment();
	}

	/**
	 * Found ECIDs are kept longer than a miss, which a new device or login can change.
	 */
	private record FoundOrNot(Duration found, Duration notFound) implements Expiry<PersonIdentity, List<String>> {

		@Override
		public long expireAfterCreate(PersonIdentity key, List<String> ecids, long currentTime) {
			return (ecids.isEmpty() ? this.notFound : this.found).toNanos();
		}

		@Override
		public long expireAfterUpdate(PersonIdentity key, List<String> ecids, long currentTime, long currentDuration) {
			return expireAfterCreate(key, ecids, currentTime);
		}

		@Override
		public long expireAfterRead(PersonIdentity key, List<String> ecids, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
