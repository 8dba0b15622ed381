/**
 * Adobe Target as one typed client: the Delivery API and Edge Network transports, their
 * wire records (only the fields used), and the resilience around every call (rate limit
 * with Adobe's ramp, bulkhead, retry, circuit breaker, timeouts).
 */
package io.recsbridge.target;
