package io.recsbridge.shared;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A cache's entries in Redis, as compact JSON ({@code {"writtenAt":...,"value":...}})
 * under {@code <namespace>:<cache>:<payload version>:<key>}, each with the rest of its
 * time to live. Counted as {@code cache_gets_total} and {@code cache_puts_total} with the
 * cache's name and {@code -redis}.
 *
 * @param <V> the value type
 */
final class RedisTier<V> implements SharedTier<V> {

	private static final Logger logger = LoggerFactory.getLogger(RedisTier.class);

	private final SharedState state;

	private final StringRedisTemplate redis;

	private final ObjectReader reader;

	private final ObjectWriter writer;

	private final String prefix;

	private final Counter hits;

	private final Counter misses;

	private final Counter puts;

	RedisTier(SharedState state, StringRedisTemplate redis, ObjectMapper mapper, Class<V> type, String prefix,
			String metricName, MeterRegistry registry) {
		this.state = state;
		this.redis = redis;
		JavaType stamped = mapper.getTypeFactory().constructParametricType(Stamped.class, type);
		this.reader = mapper.readerFor(stamped);
		this.writer = mapper.writerFor(stamped);
		this.prefix = prefix;
		this.hits = gets(registry, metricName, "hit");
		this.misses = gets(registry, metricName, "miss");
		this.puts = Counter.builder("cache.puts").tag("cache", metricName).register(registry);
	}

	private static Counter gets(MeterRegistry registry, String cache, String result) {
		return Counter.builder("cache.gets").tag("cache", cache).tag("result", result).register(registry);
	}

	@Override
	public Optional<Stamped<V>> get(String key) {
		String json = this.state.call("cache-read", () -> this.redis.opsForValue().get(this.prefix + key), () -> null);
		if (json == null) {
			this.misses.increment();
			return Optional.empty();
		}
		try {
			Stamped<V> stamped = this.reader.readValue(json);
			this.hits.increment();
			return Optional.of(stamped);
		}
		catch (IOException ex) {
			// Only a bug could write what this version cannot read: the version is in the
			// key.
			logger.warn("Unreadable shared cache entry under {}: {}", this.prefix, ex.getClass().getSimpleName());
			this.misses.increment();
			return Optional.empty();
		}
	}

	@Override
	public void put(String key, Stamped<V> value, Duration ttl) {
		Duration left = value.remaining(ttl, Instant.now().toEpochMilli());
		if (left.isZero()) {
			return;
		}
		String json;
		try {
			json = this.writer.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A cached value that cannot be written as JSON", ex);
		}
		this.puts.increment();
		this.state.write("cache-write", () -> this.redis.opsForValue().set(this.prefix + key, json, left));
	}

}
