package io.recsbridge.recommendation;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.system.StartupRefusal;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetOption;
import io.recsbridge.target.Transport;
import io.recsbridge.target.TransportChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Each use case's fallback policy, ready at start-up: static lists are read and checked
 * once, not on the request that needs them.
 */
@Component
class Fallbacks {

	/**
	 * The sandbox's popular items. Never served to real shoppers: outside the sandbox a
	 * {@code static} use case needs its own {@code static-items}.
	 */
	static final String DEMO_STATIC_ITEMS = "classpath:fallback/demo-popular-items.json";

	private static final Logger logger = LoggerFactory.getLogger(Fallbacks.class);

	private final RecommendationMapper mapper;

	private final Map<String, FallbackPolicy> policies = new HashMap<>();

	private final Map<String, JsonNode> staticItems = new HashMap<>();

	Fallbacks(BridgeProperties properties, TransportChoice transport, RecommendationMapper mapper,
			ObjectMapper objectMapper, ResourceLoader resources) {
		this.mapper = mapper;
		properties.useCases().forEach((name, useCase) -> {
			FallbackPolicy policy = useCase.fallback();
			if (policy == FallbackPolicy.CART_ITEMS) {
				logger.warn(
						"Use case {} falls back to 'cart-items', which is now 'empty': the cart is in every "
								+ "answer's 'cart', and 'items' never repeats it. Set fallback: empty (or static).",
						name);
				policy = FallbackPolicy.EMPTY;
			}
			if (policy == FallbackPolicy.STATIC) {
				Resource items = useCase.staticItems();
				if (items == null && transport.transport() == Transport.SANDBOX) {
					items = resources.getResource(DEMO_STATIC_ITEMS);
				}
				if (items == null) {
					logger.warn("Use case {} falls back to 'static' but has no static-items: it falls back to 'empty'",
							name);
					policy = FallbackPolicy.EMPTY;
				}
				else {
					this.staticItems.put(name, read(items, objectMapper));
				}
			}
			this.policies.put(name, policy);
		});
	}

	FallbackPolicy policyFor(UseCase useCase) {
		return this.policies.getOrDefault(useCase.name(), FallbackPolicy.EMPTY);
	}

	/**
	 * The fallback's items under the use case's policy (not {@code error}, which has
	 * none).
	 */
	RecommendationMapper.Recommendations itemsFor(UseCase useCase, RecommendationMapper.Audience audience,
			EntityLog log) {
		return switch (policyFor(useCase)) {
			case STATIC -> this.mapper.map(
					new TargetDecision(
							List.of(new TargetOption("json", this.staticItems.get(useCase.name()), Map.of()))),
					audience, log);
			case EMPTY, ERROR, CART_ITEMS -> RecommendationMapper.Recommendations.none(Reason.NONE);
		};
	}

	/**
	 * The operator's static fallback file, refused at start-up when it is not
	 * {@code {"items": [...]}} (malformed JSON included) rather than at the first outage.
	 */
	static JsonNode read(Resource resource, ObjectMapper objectMapper) {
		try (InputStream input = resource.getInputStream()) {
			JsonNode items;
			try {
				items = objectMapper.readTree(input);
			}
			catch (JsonProcessingException ex) {
				throw new StartupRefusal(
						"The static fallback " + resource.getDescription() + " is not valid JSON (line "
								+ ex.getLocation().getLineNr() + ").",
						"Fix the file the use case's static-items names, or choose another fallback.");
			}
			if (items == null || !items.path("items").isArray()) {
				throw new StartupRefusal(
						"The static fallback " + resource.getDescription() + " is not {\"items\": [...]}.",
						"Fix the file the use case's static-items names, or choose another fallback.");
			}
			return items;
		}
		catch (IOException ex) {
			throw new StartupRefusal("The static fallback " + resource.getDescription() + " cannot be read.",
					"Check the path the use case's static-items names (classpath: or file:).");
		}
	}

}
