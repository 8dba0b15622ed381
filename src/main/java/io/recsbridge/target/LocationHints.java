package io.recsbridge.target;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Each visitor's Target edge location, learnt from the {@code tntId} Target returns
 * ({@code <uuid>.28_0}: edge 28), kept as long as Target's session lives, so the next
 * call for that visitor goes straight to the edge holding the profile. Per visitor: one
 * visitor's edge says nothing about another's.
 */
final class LocationHints {

	/** Target's server session: a hint older than this may point at a cold edge. */
	static final Duration TTL = Duration.ofMinutes(30);

	/** The location hint is one to three digits before the last dot's underscore. */
	private static final Pattern HINT = Pattern.compile("\\.(\\d{1,3})_\\d+$");

	private final Cache<String, String> hints;

	LocationHints(long maxVisitors) {
		this.hints = Caffeine.newBuilder().maximumSize(maxVisitors).expireAfterWrite(TTL).build();
	}

	String hintFor(String ecid) {
		return this.hints.getIfPresent(ecid);
	}

	void forget(String ecid) {
		this.hints.invalidate(ecid);
	}

	void remember(String ecid, String tntId) {
		if (tntId == null) {
			return;
		}
		Matcher hint = HINT.matcher(tntId);
		if (hint.find()) {
			this.hints.put(ecid, hint.group(1));
		}
	}

}
