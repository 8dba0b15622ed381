/**
 * The built-in sandbox: emulates Adobe's APIs with demo visitors and a demo catalog, as
 * the real products behave (what a design can display, what a criteria never returns), so
 * the service runs and demonstrates itself with no Adobe account. Isolated: nothing
 * outside this package imports it.
 */
package io.recsbridge.sandbox;
