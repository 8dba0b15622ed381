package io.recsbridge.recommendation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical concurrent requests share one upstream call: the first starts it, the others
 * wait on the same future. The flight is forgotten as soon as it lands, so nothing here
 * outlives a call.
 *
 * @param <K> the key that makes requests identical
 * @param <V> what the call returns
 */
final class SingleFlight<K, V> {

	private final ConcurrentHashMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

	/**
	 * The flight for this key: the one in the air, or one started now.
	 * @param key the key
	 * @param start starts the call; may throw, in which case nothing is started
	 * @return the call's future
	 */
	CompletableFuture<V> join(K key, Supplier<CompletableFuture<V>> start) {
		boolean[] started = { false };
		CompletableFuture<V> flight = this.flights.compute(key, (k, inTheAir) -> {
			if (inTheAir != null && !inTheAir.isDone()) {
				return inTheAir;
			}
			started[0] = true;
			return start.get();
		});
		if (started[0]) {
			flight.whenComplete((result, failure) -> this.flights.remove(key, flight));
		}
		return flight;
	}

}
