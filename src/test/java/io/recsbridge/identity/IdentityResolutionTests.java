package io.recsbridge.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.support.BoundProperties;
import io.recsbridge.system.Deadline;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From a request's identities to the ECIDs to ask Target for: pass-through, resolution,
 * the cap, the cache (found and not found), failures, and metric labels that never carry
 * an identity.
 */
class IdentityResolutionTests {

	private static final String ECID_A = "11111111111111111111111111111111111111";

	private static final String ECID_B = "22222222222222222222222222222222222222";

	private static final String ECID_C = "33333333333333333333333333333333333333";

	private static final String ECID_D = "44444444444444444444444444444444444444";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<PersonIdentity> asked = new ArrayList<>();

	private final Deadline deadline = Deadline.in(Duration.ofSeconds(5));

	private final IdentityResolver graph = (identity) -> {
		this.asked.add(identity);
		return switch (identity.id()) {
			case "jane@example.com" -> List.of(ECID_B, ECID_C, ECID_D);
			case "crm-1", "loyal-7" -> List.of(ECID_C);
			case "broken@example.com" ->
				throw new IdentityLookupException("The AEP Identity Service answered HTTP 500");
			default -> List.of();
		};
	};

	@Test
	void anEcidPassesThroughWithoutALookup() {
		IdentityResolution resolution = resolution(this.graph, Map.of());

		assertThat(resolution.ecidsOf(ECID_A, List.of(new PersonIdentity("ecid", ECID_B)), this.deadline))
			.containsExactly(ECID_A, ECID_B);
		assertThat(this.asked).isEmpty();
		assertThat(count("ECID", "passthrough")).isEqualTo(2);
	}

	@Test
	void anEmailResolvesToAtMostTheConfiguredNumberOfEcidsAfterTheGivenOne() {
		IdentityResolution resolution = resolution(this.graph, Map.of());

		assertThat(resolution.ecidsOf(ECID_A, List.of(new PersonIdentity("email", "jane@example.com")), this.deadline))
			.containsExactly(ECID_A, ECID_B, ECID_C);
		assertThat(this.asked).singleElement()
			.satisfies((identity) -> assertThat(identity.namespace()).isEqualTo("Email"));
		assertThat(count("Email", "found")).isEqualTo(1);
	}

	@Test
	void lookupsStopOnceEnoughEcidsAreKnownAndDuplicatesCountOnce() {
		IdentityResolution resolution = resolution(this.graph, Map.of("max-ecids", "2"));

		assertThat(resolution.ecidsOf(null,
				List.of(new PersonIdentity("CRMID", "crm-1"), new PersonIdentity("Phone", "+15550100"),
						new PersonIdentity("Email", "jane@example.com")),
				this.deadline))
			.containsExactly(ECID_C, ECID_B);
		assertThat(resolution.ecidsOf(null,
				List.of(new PersonIdentity("ECID", ECID_A), new PersonIdentity("ECID", ECID_B),
						new PersonIdentity("Email", "jane@example.com")),
				this.deadline))
			.containsExactly(ECID_A, ECID_B);
		assertThat(this.asked).extracting(PersonIdentity::namespace).containsExactly("CRMID", "Phone", "Email");
	}

	@Test
	void foundAndNotFoundAreBothCached() {
		IdentityResolution resolution = resolution(this.graph, Map.of());
		List<PersonIdentity> jane = List.of(new PersonIdentity("Email", "jane@example.com"));
		List<PersonIdentity> nobody = List.of(new PersonIdentity("Email", "nobody@example.com"));

		resolution.ecidsOf(null, jane, this.deadline);
		resolution.ecidsOf(null, jane, this.deadline);
		assertThat(resolution.ecidsOf(null, nobody, this.deadline)).isEmpty();
		assertThat(resolution.ecidsOf(null, nobody, this.deadline)).isEmpty();

		assertThat(this.asked).hasSize(2);
		assertThat(count("Email", "found")).isEqualTo(2);
		assertThat(count("Email", "not_found")).isEqualTo(2);
		resolution.clear();
		resolution.ecidsOf(null, jane, this.deadline);
		assertThat(this.asked).hasSize(3);
	}

	@Test
	void aFailedLookupIsNotFoundNowAndAskedAgainNextTime() {
		IdentityResolution resolution = resolution(this.graph, Map.of());
		List<PersonIdentity> broken = List.of(new PersonIdentity("Email", "broken@example.com"));

		assertThat(resolution.ecidsOf(null, broken, this.deadline)).isEmpty();
		assertThat(resolution.ecidsOf(null, broken, this.deadline)).isEmpty();

		assertThat(this.asked).hasSize(2);
		assertThat(count("Email", "error")).isEqualTo(2);
	}

	@Test
	void customNamespacesAreResolvedOnlyWhenConfiguredAndOthersAreLabelledOther() {
		IdentityResolution resolution = resolution(this.graph, Map.of("namespaces", "LoyaltyId"));

		assertThat(resolution.ecidsOf(null, List.of(new PersonIdentity("loyaltyid", "loyal-7")), this.deadline))
			.containsExactly(ECID_C);
		assertThat(resolution.ecidsOf(null, List.of(new PersonIdentity("jane@example.com", "x")), this.deadline))
			.isEmpty();
		assertThat(count("LoyaltyId", "found")).isEqualTo(1);
		assertThat(count("other", "unsupported")).isEqualTo(1);
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.allSatisfy((tag) -> assertThat(tag.getValue()).doesNotContain("@")));
	}

	@Test
	void withoutAResolverOnlyEcidsAreKnown() {
		IdentityResolution resolution = resolution(null, Map.of());

		assertThat(resolution.ecidsOf(null, List.of(new PersonIdentity("Email", "jane@example.com")), this.deadline))
			.isEmpty();
		assertThat(count("Email", "no_resolver")).isEqualTo(1);
	}

	@Test
	void noLookupStartsWhenTheDeadlineCannotWaitForIt() {
		IdentityResolver slow = new IdentityResolver() {

			@Override
			public List<String> ecidsOf(PersonIdentity identity) {
				return IdentityResolutionTests.this.graph.ecidsOf(identity);
			}

			@Override
			public Duration timeout() {
				return Duration.ofMillis(250);
			}

		};
		IdentityResolution resolution = resolution(slow, Map.of());

		assertThat(resolution.ecidsOf(null, List.of(new PersonIdentity("Email", "jane@example.com")),
				Deadline.in(Duration.ofMillis(100))))
			.isEmpty();
		assertThat(this.asked).isEmpty();
		assertThat(count("Email", "deadline")).isEqualTo(1);
	}

	private IdentityResolution resolution(IdentityResolver resolver, Map<String, String> properties) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (resolver != null) {
			beans.addBean("resolver", resolver);
		}
		return new IdentityResolution(beans.getBeanProvider(IdentityResolver.class),
				BoundProperties.bind("bridge.identity", IdentityProperties.class, properties), this.registry);
	}

	private double count(String namespace, String outcome) {
		return this.registry.get("recs.bridge.identity.resolutions")
			.tags("namespace", namespace, "outcome", outcome)
			.counter()
			.count();
	}

}
