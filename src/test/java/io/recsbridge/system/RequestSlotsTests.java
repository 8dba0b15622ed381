package io.recsbridge.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bound on request threads running at once: arrival order for requests not started, a
 * slot left while waiting, and taken back before any request not started.
 */
class RequestSlotsTests {

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<String> events = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void atMostMaxRunningRunAtOnceAndTheRestStartInTheOrderTheyWereHandedOver() throws Exception {
		RequestSlots slots = new RequestSlots(this.threads, 2);
		List<CountDownLatch> finish = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			String name = "request " + i;
			CountDownLatch mine = new CountDownLatch(1);
			finish.add(mine);
			slots.execute(() -> {
				this.events.add(name);
				waitFor(mine);
			});
		}

		await().atMost(10, TimeUnit.SECONDS).until(() -> this.events.size() == 2);
		assertThat(slots.running()).isEqualTo(2);
		assertThat(slots.queued()).isEqualTo(3);
		assertThat(this.events).containsExactlyInAnyOrder("request 1", "request 2");

		for (int finished = 0; finished < 3; finished++) {
			finish.get(finished).countDown();
			int started = finished + 3;
			await().atMost(10, TimeUnit.SECONDS).until(() -> this.events.size() == started);
			assertThat(this.events.get(started - 1)).isEqualTo("request " + started);
			assertThat(slots.running()).isEqualTo(2);
		}
		finish.forEach(CountDownLatch::countDown);
		await().atMost(10, TimeUnit.SECONDS).until(() -> slots.running() == 0);
		assertThat(slots.queued()).isZero();
	}

	@Test
	void aThreadAwayLetsTheNextRequestRunAndComesBackBeforeRequestsNotStarted() throws Exception {
		RequestSlots slots = new RequestSlots(this.threads, 1);
		CountDownLatch awayLong = new CountDownLatch(1);
		CountDownLatch secondRuns = new CountDownLatch(1);
		CountDownLatch finishSecond = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(3);
		slots.execute(() -> {
			this.events.add("first leaves");
			try (RequestSlots.Away away = RequestSlots.away()) {
				waitFor(awayLong);
			}
			this.events.add("first back");
			done.countDown();
		});
		slots.execute(() -> {
			this.events.add("second runs");
			secondRuns.countDown();
			waitFor(finishSecond);
			done.countDown();
		});
		slots.execute(() -> {
			this.events.add("third runs");
			done.countDown();
		});

		assertThat(secondRuns.await(10, TimeUnit.SECONDS)).as("the slot went to the next request").isTrue();
		assertThat(slots.queued()).isEqualTo(1);
		awayLong.countDown();
		// The first is back and waits: the only slot is the second's.
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.threadWaitingToComeBack());
		finishSecond.countDown();

		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.events).containsExactly("first leaves", "second runs", "first back", "third runs");
	}

	@Test
	void theHandOverTimeIsTheFirstRequestsOnly() throws Exception {
		RequestSlots slots = new RequestSlots(this.threads, 1);
		AtomicLong first = new AtomicLong();
		AtomicLong second = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		long before = System.nanoTime();

		slots.execute(() -> {
			first.set(RequestSlots.takeHandedOverOr(-1));
			second.set(RequestSlots.takeHandedOverOr(-1));
			done.countDown();
		});

		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(first.get()).isBetween(before, System.nanoTime());
		assertThat(second.get()).isEqualTo(-1);
	}

	@Test
	void awayWithoutASlotDoesNothing() {
		RequestSlots slots = new RequestSlots(this.threads, 1);

		try (RequestSlots.Away away = RequestSlots.away()) {
			assertThat(away).isSameAs(RequestSlots.Away.NOTHING);
		}
		assertThat(slots.running()).isZero();
		assertThat(RequestSlots.takeHandedOverOr(7)).isEqualTo(7);
	}

	/** A thread parked in {@code takeBack}, waiting for the slot it is owed. */
	private boolean threadWaitingToComeBack() {
		return Thread.getAllStackTraces()
			.values()
			.stream()
			.flatMap(Arrays::stream)
			.anyMatch((frame) -> frame.getClassName().endsWith("RequestSlots$Returning")
					&& frame.getMethodName().equals("awaitAdmission"));
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
