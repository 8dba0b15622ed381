package io.recsbridge.system;

/**
 * Refills continuously at a rate, up to a capacity: the per-caller limits of the API and
 * of the preview.
 */
public final class TokenBucket {

	private final double perNano;

	private final double capacity;

	private double tokens;

	private long last;

	/**
	 * A full bucket holding a second's worth of tokens, at least one.
	 * @param perSecond the rate
	 * @param now the ticker's time in nanoseconds
	 */
	public TokenBucket(double perSecond, long now) {
		this(perSecond, Math.max(1, perSecond), now);
	}

	/**
	 * A full bucket.
	 * @param perSecond the rate
	 * @param capacity the burst, at least one
	 * @param now the ticker's time in nanoseconds
	 */
	public TokenBucket(double perSecond, double capacity, long now) {
		this.perNano = perSecond / 1e9;
		this.capacity = Math.max(1, capacity);
		this.tokens = this.capacity;
		this.last = now;
	}

	/**
	 * Takes a token if there is one.
	 * @param now the ticker's time in nanoseconds
	 * @return 0 if taken, else nanoseconds until one is there
	 */
	public synchronized long take(long now) {
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perNano);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return (long) Math.ceil((1 - this.tokens) / this.perNano);
	}

}
