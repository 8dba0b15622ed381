/**
 * Target's product catalog, entity by entity, through the Recommendations API's Get
 * Entity: what completes an abandoned cart's lines when AJO's event carries only ids.
 * Looked up in parallel with the Target call, cached per entity, never waited on past the
 * request's deadline.
 */
package io.recsbridge.catalog;
