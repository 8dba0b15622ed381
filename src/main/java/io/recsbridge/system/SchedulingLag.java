package io.recsbridge.system;

import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * How late the bridge's own threads get to run: a thread that sleeps 20 ms at a time
 * notes how much later than that it wakes. On an idle machine that is well under a
 * millisecond; when the CPU is saturated (by the bridge's own load or anything else on
 * the node) every thread waits that long for a core, a Target call's measured time
 * included. The breaker takes it off before judging Target (see {@code GuardedTarget}).
 * Kept as a recent peak that halves about every half second.
 */
public final class SchedulingLag implements SmartLifecycle {

	private static final long PERIOD_MILLIS = 20;

	/** Per sample: 0.97^23 is about 1/2, so a peak halves in some 23 x 20 ms. */
	private static final double DECAY = 0.97;

	private final AsyncTaskExecutor executor;

	private volatile long recentNanos;

	private volatile boolean running;

	/**
	 * @param executor runs the probe: the same kind of thread as the requests' (virtual
	 * where they are), so it waits where they wait
	 */
	public SchedulingLag(AsyncTaskExecutor executor) {
		this.executor = executor;
	}

	/**
	 * The recent peak of how late a thread ran.
	 * @return nanoseconds, zero on an idle machine or before the probe starts
	 */
	public long recentNanos() {
		return this.recentNanos;
	}

	/**
	 * The recent peak, in seconds, for the gauge.
	 * @return seconds
	 */
	public double recentSeconds() {
		return this.recentNanos / 1e9;
	}

	@Override
	public void start() {
		this.running = true;
		this.executor.execute(this::probe);
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void probe() {
		while (this.running) {
			long planned = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
			try {
				Thread.sleep(PERIOD_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			long late = Math.max(0, System.nanoTime() - planned);
			this.recentNanos = Math.max(late, (long) (this.recentNanos * DECAY));
		}
	}

}
