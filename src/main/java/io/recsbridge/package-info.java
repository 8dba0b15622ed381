/**
 * Recs Bridge: answers Adobe Journey Optimizer custom actions with Adobe Target
 * Recommendations shaped for email templates. Each sub-package is one concern; the
 * request runs through {@code recommendation}, {@code identity} and {@code target}.
 */
package io.recsbridge;
