package io.recsbridge.target;

import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;

/**
 * Everything the Edge transport needs to reach an Edge Network: where it is, and the
 * credential whose IMS tokens it accepts (the token and the {@code x-api-key} and
 * {@code x-gw-ims-org-id} headers always come from the same credential). The sandbox
 * provides one bean of this type to run the real Edge transport against its emulators.
 *
 * @param endpoint the Edge Network, datastream and AEP sandbox
 * @param credential the OAuth server-to-server credential
 * @param tokens IMS tokens for that credential
 */
public record EdgeConnection(EdgeEndpoint endpoint, ImsProperties credential, ImsTokens tokens) {
}
