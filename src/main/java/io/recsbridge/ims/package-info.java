/**
 * Adobe IMS server-to-server credentials: fetches and caches the access token the Edge
 * Network, the Identity Service and the Recommendations API take, refreshing it before it
 * expires and once on a 401.
 */
package io.recsbridge.ims;
