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
 */
final class DispatchStampingExecutor extends AbstractExecutorService {

	private static final ThreadLocal<Long> DISPATCHED = new ThreadLocal<>();

	private final ExecutorService delegate;

	DispatchStampingExecutor(ExecutorService delegate) {
		this.delegate = delegate;
	}

	/**
	 * When the work running on this thread was handed over, if it was handed over here.
	 * @param otherwise the time to answer when it was not
	 * @return the hand-over on the {@link System#nanoTime()} clock, or {@code otherwise}
	 */
	static long dispatchedOr(long otherwise) {
		Long dispatched = DISPATCHED.get();
		return (dispatched != null) ? dispatched : otherwise;
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
