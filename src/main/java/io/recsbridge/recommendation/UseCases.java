package io.recsbridge.recommendation;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * The configured use cases, by name.
 */
@Component
class UseCases {

	private final Map<String, UseCase> byName;

	UseCases(BridgeProperties properties) {
		Map<String, UseCase> useCases = new TreeMap<>();
		properties.useCases().forEach((name, useCase) -> useCases.put(name, UseCase.of(name, useCase)));
		this.byName = Map.copyOf(useCases);
	}

	Optional<UseCase> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

}
