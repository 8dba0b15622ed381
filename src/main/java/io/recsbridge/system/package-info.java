/**
 * What every request shares and no feature owns: RFC 9457 problems for every error,
 * request ids, body and header limits, the deadline, outbound HTTP clients, start-up
 * refusals as failure analysis, health and metrics wiring.
 */
package io.recsbridge.system;
