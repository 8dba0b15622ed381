/**
 * Inbound authentication (API keys, Basic, JWT bearer tokens, mTLS) that fails closed
 * against a real Target, the per-caller rate limit, and what keeps personal data out of
 * logs (ECID pseudonyms).
 */
package io.recsbridge.security;
