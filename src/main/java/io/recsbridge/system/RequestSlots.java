package io.recsbridge.system;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's request executor (virtual threads) with a bound on how many request threads
 * run at once; the others wait in the order Tomcat handed them over. A request thread
 * leaves its slot while it waits on something that needs no CPU of its own (Target's
 * answer, a catalog lookup, any outbound HTTP call, an authenticated caller's body:
 * {@link #away()}) and is given one back before any new request starts.
 * <p>
 * Why: virtual threads have no queue of their own. Under a flood (2,000 connections in a
 * closed loop, BENCHMARKS.md) every request gets a thread at once and the two carriers'
 * queues hold thousands of them; a thread woken from outside (a Target answer read by the
 * JDK's poller, a monitor released, a new request) joins the back of that queue, while
 * threads woken by other virtual threads keep running first. Requests waited seconds
 * (12.7 s server-side was seen) and Target's answers were read too late to be used. With
 * the bound the carriers' queues stay short, so wake-ups run at once, and the wait that
 * is left is this executor's own: in arrival order, and counted from the hand-over, so
 * the door turns away a request whose budget it has spent ({@link #takeHandedOverOr}).
 */
public final class RequestSlots extends AbstractExecutorService {

	private static final Logger logger = LoggerFactory.getLogger(RequestSlots.class);

	private static final ThreadLocal<Slot> SLOT = new ThreadLocal<>();

	private final ExecutorService threads;

	private final int maxRunning;

	private final ReentrantLock lock = new ReentrantLock();

	/** Requests handed over and not started, oldest first. */
	private final ArrayDeque<HandedOver> waiting = new ArrayDeque<>();

	/** Request threads back from a wait, before any request not started. */
	private final ArrayDeque<Returning> returning = new ArrayDeque<>();

	/** Slots taken: running threads, and those being handed to a thread. */
	private int taken;

	/**
	 * Requests given a slot by a thread that let one go, started by {@link #starter}.
	 * Started from the virtual thread that let the slot go, a request's thread would go
	 * to the front of that carrier's own queue, ahead of every wake-up that comes from
	 * outside (Target's answer read, a timed wait ending): a chain of new requests would
	 * keep those waiting. A platform thread's start joins the shared queue in turn.
	 */
	private final BlockingQueue<HandedOver> toStart = new LinkedBlockingQueue<>();

	private final Thread starter;

	/**
	 * @param threads the executor that starts a thread per task (Boot's virtual-thread
	 * one)
	 * @param maxRunning request threads running at once, at most
	 */
	public RequestSlots(ExecutorService threads, int maxRunning) {
		if (maxRunning < 1) {
			throw new IllegalArgumentException("maxRunning must be at least 1, not " + maxRunning);
		}
		this.threads = threads;
		this.maxRunning = maxRunning;
		this.starter = new Thread(this::startInTurn, "request-slots-starter");
		this.starter.setDaemon(true);
		this.starter.start();
	}

	/**
	 * When the work on this thread was handed over, for the first request that asks;
	 * later requests read on the same thread (a kept-alive connection's next request,
	 * already readable as the last answer was done) arrived after it and get
	 * {@code otherwise}.
	 * @param otherwise the time to answer when the hand-over is not this request's
	 * @return the hand-over on the {@link System#nanoTime()} clock, or {@code otherwise}
	 */
	public static long takeHandedOverOr(long otherwise) {
		Slot slot = SLOT.get();
		if (slot == null || slot.handedOverTaken) {
			return otherwise;
		}
		slot.handedOverTaken = true;
		return slot.handedOver;
	}

	/**
	 * Leaves this thread's slot until the returned handle is closed, for a wait that
	 * needs no CPU; closing it waits for a slot again, ahead of requests not started.
	 * Anywhere else (no slot, or already away) it does nothing.
	 * @return the handle that takes a slot back
	 */
	public static Away away() {
		Slot slot = SLOT.get();
		if (slot == null || !slot.held) {
			return Away.NOTHING;
		}
		slot.held = false;
		slot.owner.passOn();
		return () -> {
			slot.owner.takeBack();
			slot.held = true;
		};
	}

	/** Request threads running now (or being started), for the gauge. */
	public int running() {
		this.lock.lock();
		try {
			return this.taken;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Requests handed over and waiting for a slot, for the gauge. */
	public int queued() {
		this.lock.lock();
		try {
			return this.waiting.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void execute(Runnable task) {
		HandedOver handedOver = new HandedOver(task, System.nanoTime());
		this.lock.lock();
		try {
			if (this.taken >= this.maxRunning) {
				this.waiting.add(handedOver);
				return;
			}
			this.taken++;
		}
		finally {
			this.lock.unlock();
		}
		start(handedOver);
	}

	private void start(HandedOver handedOver) {
		try {
			this.threads.execute(() -> run(handedOver));
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: Tomcat closes the connection it could not hand over.
			this.lock.lock();
			try {
				this.taken--;
			}
			finally {
				this.lock.unlock();
			}
			throw ex;
		}
	}

	private void run(HandedOver handedOver) {
		Slot slot = new Slot(this, handedOver.at());
		SLOT.set(slot);
		try {
			handedOver.task().run();
		}
		finally {
			SLOT.remove();
			if (slot.held) {
				passOn();
			}
		}
	}

	/**
	 * A slot is let go: to a thread back from a wait, else to the oldest request not
	 * started, else it is free.
	 */
	private void passOn() {
		HandedOver next;
		this.lock.lock();
		try {
			Returning back = this.returning.poll();
			if (back != null) {
				back.admit();
				return;
			}
			next = this.waiting.poll();
			if (next == null) {
				this.taken--;
				return;
			}
		}
		finally {
			this.lock.unlock();
		}
		this.toStart.add(next);
	}

	private void startInTurn() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				HandedOver next = this.toStart.take();
				try {
					start(next);
				}
				catch (RejectedExecutionException ex) {
					// Shutting down: nothing more starts.
					return;
				}
				catch (RuntimeException ex) {
					// This thread must outlive any one failure, or nothing queued
					// would start again: the slot goes on to the next request.
					logger.error("A request could not be started; its connection is left to time out", ex);
					passOn();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits for a slot, ahead of any request not started. */
	private void takeBack() {
		Returning back;
		this.lock.lock();
		try {
			if (this.taken < this.maxRunning) {
				this.taken++;
				return;
			}
			back = new Returning(Thread.currentThread());
			this.returning.add(back);
		}
		finally {
			this.lock.unlock();
		}
		back.awaitAdmission();
	}

	@Override
	public void shutdown() {
		this.starter.interrupt();
		this.threads.shutdown();
	}

	@Override
	public List<Runnable> shutdownNow() {
		this.starter.interrupt();
		return this.threads.shutdownNow();
	}

	@Override
	public boolean isShutdown() {
		return this.threads.isShutdown();
	}

	@Override
	public boolean isTerminated() {
		return this.threads.isTerminated();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.threads.awaitTermination(timeout, unit);
	}

	/** A slot given up for a wait; {@link #close()} takes one back. */
	@FunctionalInterface
	public interface Away extends AutoCloseable {

		/** For a thread that held no slot. */
		Away NOTHING = () -> {
		};

		@Override
		void close();

	}

	private record HandedOver(Runnable task, long at) {
	}

	/**
	 * What a request thread knows of its slot. Only its own thread reads or writes it.
	 */
	private static final class Slot {

		private final RequestSlots owner;

		private final long handedOver;

		private boolean handedOverTaken;

		private boolean held = true;

		Slot(RequestSlots owner, long handedOver) {
			this.owner = owner;
			this.handedOver = handedOver;
		}

	}

	/** A thread waiting to be given a slot back. */
	private static final class Returning {

		private final Thread thread;

		private volatile boolean admitted;

		Returning(Thread thread) {
			this.thread = thread;
		}

		void admit() {
			this.admitted = true;
			LockSupport.unpark(this.thread);
		}

		/** Parks until admitted; an interrupt does not give up the slot it is owed. */
		void awaitAdmission() {
			boolean interrupted = false;
			while (!this.admitted) {
				LockSupport.park(this);
				interrupted |= Thread.interrupted();
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
