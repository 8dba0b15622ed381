package io.recsbridge.system;

import java.time.Duration;

/**
 * The moment by which one request must be answered, on the monotonic clock.
 */
public final class Deadline {

	private final long atNanos;

	private Deadline(long atNanos) {
		this.atNanos = atNanos;
	}

	/**
	 * A deadline the given budget from now.
	 * @param budget the time allowed
	 * @return the deadline
	 */
	public static Deadline in(Duration budget) {
		return new Deadline(System.nanoTime() + budget.toNanos());
	}

	/**
	 * A deadline the given budget after a moment already past, such as the request's
	 * arrival: the time it waited before anyone looked at it is spent from the budget.
	 * @param startNanos the start, on the {@link System#nanoTime()} clock
	 * @param budget the time allowed
	 * @return the deadline
	 */
	public static Deadline since(long startNanos, Duration budget) {
		return new Deadline(startNanos + budget.toNanos());
	}

	/**
	 * Time left, never negative.
	 * @return the time left
	 */
	public Duration remaining() {
		return Duration.ofNanos(Math.max(0, this.atNanos - System.nanoTime()));
	}

	/**
	 * Time left once a reserve is kept back, never negative: how long one may still wait
	 * and have the reserve to answer in.
	 * @param reserve the time kept back
	 * @return the time left to wait
	 */
	public Duration remainingBefore(Duration reserve) {
		return Duration.ofNanos(Math.max(0, this.atNanos - System.nanoTime() - reserve.toNanos()));
	}

	/**
	 * Whether at least this much time is left.
	 * @param needed the time needed
	 * @return {@code true} if it is left
	 */
	public boolean allows(Duration needed) {
		return this.atNanos - System.nanoTime() >= needed.toNanos();
	}

}
