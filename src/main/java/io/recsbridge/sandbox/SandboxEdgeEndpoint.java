package io.recsbridge.sandbox;

import java.net.URI;

import io.recsbridge.target.EdgeEndpoint;

import org.springframework.core.env.Environment;

/**
 * Points the bridge's Edge transport at the Edge Network emulator this application
 * serves, with the emulated organization's datastream and the operator's AEP sandbox name
 * (the emulator refuses any sandbox but the datastream's, as the Edge Network does).
 */
record SandboxEdgeEndpoint(Environment environment, String sandboxName) implements EdgeEndpoint {

	@Override
	public URI baseUrl() {
		return EmulatorUrls.at(this.environment, SandboxEdgeController.BASE_PATH);
	}

	@Override
	public String datastreamId() {
		return EmulatedAdobeOrg.DATASTREAM_ID;
	}

}
