package io.recsbridge.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Visitor profiles in memory, keyed by visitor id (the ECID). Bounded, because anyone who
 * can reach the sandbox can invent visitors: the least recently used visitor goes first,
 * and each profile keeps only its latest views. Thread-safe; profiles themselves are
 * immutable and replaced on every change.
 */
final class VisitorProfiles {

	private final int maxViews;

	private final Map<String, VisitorProfile> profiles;

	VisitorProfiles(int maxVisitors, int maxViews) {
		this.maxViews = maxViews;
		this.profiles = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, VisitorProfile> eldest) {
				return size() > maxVisitors;
			}

		};
	}

	synchronized VisitorProfile get(String visitor) {
		return this.profiles.getOrDefault(visitor, VisitorProfile.EMPTY);
	}

	/**
	 * Puts the entity at the front of the visitor's views, once.
	 */
	synchronized void recordView(String visitor, String entityId) {
		VisitorProfile profile = get(visitor);
		List<String> viewed = new ArrayList<>(profile.viewed().size() + 1);
		viewed.add(entityId);
		profile.viewed().stream().filter((id) -> !id.equals(entityId)).forEach(viewed::add);
		List<String> kept = viewed.subList(0, Math.min(this.maxViews, viewed.size()));
		this.profiles.put(visitor, new VisitorProfile(kept));
	}

	synchronized int size() {
		return this.profiles.size();
	}

}
