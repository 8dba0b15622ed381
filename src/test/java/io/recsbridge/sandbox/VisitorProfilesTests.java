package io.recsbridge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisitorProfilesTests {

	@Test
	void unknownVisitorHasAnEmptyProfile() {
		VisitorProfiles profiles = new VisitorProfiles(10, 5);
		assertThat(profiles.get("nobody")).isEqualTo(VisitorProfile.EMPTY);
		assertThat(profiles.size()).isZero();
	}

	@Test
	void viewsAreKeptMostRecentFirstAndOnce() {
		VisitorProfiles profiles = new VisitorProfiles(10, 5);
		profiles.recordView("v", "a");
		profiles.recordView("v", "b");
		profiles.recordView("v", "a");
		assertThat(profiles.get("v").viewed()).containsExactly("a", "b");
	}

	@Test
	void viewsBeyondTheCapDropTheOldest() {
		VisitorProfiles profiles = new VisitorProfiles(10, 3);
		List.of("a", "b", "c", "d").forEach((id) -> profiles.recordView("v", id));
		assertThat(profiles.get("v").viewed()).containsExactly("d", "c", "b");
	}

	@Test
	void visitorsBeyondTheCapEvictTheLeastRecentlyUsed() {
		VisitorProfiles profiles = new VisitorProfiles(2, 5);
		profiles.recordView("first", "a");
		profiles.recordView("second", "a");
		profiles.get("first");
		profiles.recordView("third", "a");
		assertThat(profiles.size()).isEqualTo(2);
		assertThat(profiles.get("second")).isEqualTo(VisitorProfile.EMPTY);
		assertThat(profiles.get("first").viewed()).containsExactly("a");
	}

	@Test
	void concurrentViewsAreAllRecorded() throws Exception {
		VisitorProfiles profiles = new VisitorProfiles(1000, 1000);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			IntStream.range(0, 400)
				.forEach((i) -> futures.add(executor.submit(() -> profiles.recordView("v" + (i % 4), "item-" + i))));
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdown();
		}
		assertThat(IntStream.range(0, 4).map((v) -> profiles.get("v" + v).viewed().size()).sum()).isEqualTo(400);
	}

}
