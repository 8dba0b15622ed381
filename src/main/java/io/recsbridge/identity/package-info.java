/**
 * Who the email is for: turns the identities AJO sends (an ECID, or an email, CRM id or
 * phone number) into the visitor's ECIDs, one per device, through the AEP Identity
 * Service when it is configured, cached, and within the request's deadline.
 */
package io.recsbridge.identity;
