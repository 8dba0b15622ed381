/**
 * The request's story: the AJO custom action's controller, the service that answers it
 * within the deadline (caches, single flight, fallbacks), the mapper from Target's
 * content to the email payload, and the inbound and outbound records. Start reading at
 * {@code RecommendationController}.
 */
package io.recsbridge.recommendation;
