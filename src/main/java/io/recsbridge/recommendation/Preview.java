package io.recsbridge.recommendation;

/**
 * What a preview found: the payload a send would have answered, and how.
 *
 * @param payload the email payload
 * @param explain the recording of how it was reached
 */
record Preview(EmailPayload payload, Explain explain) {
}
