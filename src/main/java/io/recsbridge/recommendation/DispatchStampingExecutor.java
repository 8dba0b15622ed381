package io.recsbridge.recommendation;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tomcat's request executor (virtual threads), wrapped to note when Tomcat handed a
 * connection's readable bytes over. With virtual threads there is no bounded queue in
 * front of the requests: a busy CPU leaves them waiting for a carrier thread before
 * Tomcat even starts reading them, and its own start time begins after that wait. The
 * valve counts a request's arrival from the hand-over instead, so that wait is spent from
 * the budget too.
 * <p>
 * One hand-over can serve several requests: when the caller's next request on a
 * kept-alive connection is already readable as the last answer is done, Tomcat reads it
 * on the same thread. The stamp belongs to the first of them only; the next ones arrived
 * after the hand-over and count from Tomcat's own start time.
 */
final class DispatchStampingExecutor extends AbstractExecutorService {

	private static final ThreadLocal<Long> DISPATCHED = new ThreadLocal<>();

	private final ExecutorService delegate;

	DispatchStampingExecutor(ExecutorService delegate) {
		this.delegate = delegate;
	}

	/**
	 * When the work running on this thread was handed over, for the first request that
	 * asks; later requests read by the same hand-over get {@code otherwise}.
	 * @param otherwise the time to answer when the hand-over is not this request's
	 * @return the hand-over on the {@link System#nanoTime()} clock, or {@code otherwise}
	 */
	static long takeDispatchedOr(long otherwise) {
		Long dispatched = DISPATCHED.get();
		if (dispatched == null) {
			return otherwise;
		}
		DISPATCHED.remove();
		return dispatched;
	}

	@Override
	public void execute(Runnable task) {
		long dispatched = System.nanoTime();
		this.delegate.execute(() -> {
			DISPATCHED.set(dispatched);
			try {
				task.run();
			}
			finally {
				DISPATCHED.remove();
			}
		});
	}

	@Override
	public void shutdown() {
		this.delegate.shutdown();
	}

	@Override
	public List<Runnable> shutdownNow() {
		return this.delegate.shutdownNow();
	}

	@Override
	public boolean isShutdown() {
		return this.delegate.isShutdown();
	}

	@Override
	public boolean isTerminated() {
		return this.delegate.isTerminated();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.delegate.awaitTermination(timeout, unit);
	}

}
