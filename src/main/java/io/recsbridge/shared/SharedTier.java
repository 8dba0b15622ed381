package io.recsbridge.shared;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a {@link TwoLevelCache} shares its entries with the other replicas.
 *
 * @param <V> the value type
 */
public interface SharedTier<V> {

	/**
	 * The entry another replica (or this one) wrote, if Redis has it and answers in time.
	 * @param key the key
	 * @return the entry
	 */
	Optional<Stamped<V>> get(String key);

	/**
	 * Shares an entry, in the background.
	 * @param key the key
	 * @param value the entry
	 * @param ttl its time to live from its first write
	 */
	void put(String key, Stamped<V> value, Duration ttl);

	/**
	 * No sharing: in-memory mode.
	 * @param <V> the value type
	 * @return the tier that has nothing and keeps nothing
	 */
	static <V> SharedTier<V> none() {
		return new SharedTier<>() {

			@Override
			public Optional<Stamped<V>> get(String key) {
				return Optional.empty();
			}

			@Override
			public void put(String key, Stamped<V> value, Duration ttl) {
			}

		};
	}

}
