package io.recsbridge.sandbox;

import java.net.URI;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;
import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.EdgeConnection;
import io.recsbridge.target.EdgeProperties;
import io.recsbridge.target.Transport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.client.RestClient;

/**
 * The sandbox's Edge road ({@code SANDBOX_TRANSPORT=edge}): emulators of the Edge Network
 * Server API and of IMS's token endpoint in front of the same emulated Target, and the
 * {@link EdgeConnection} that makes the bridge's real Edge transport and IMS token client
 * call them with the emulated organization's credential.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnTransport(Transport.SANDBOX)
@ConditionalOnProperty(name = "sandbox.transport", havingValue = "edge")
class SandboxEdgeConfiguration {

	@Bean
	ImsEmulator sandboxImsEmulator() {
		return new ImsEmulator();
	}

	@Bean
	EdgeEmulator sandboxEdgeEmulator(DeliveryEmulator target, ImsEmulator ims, ObjectMapper objectMapper) {
		return new EdgeEmulator(target, ims, objectMapper);
	}

	@Bean
	EdgeConnection sandboxEdgeConnection(RestClient.Builder builder, Environment environment, EdgeProperties edge,
			ImsProperties operatorCredential) {
		// The emulated org's credential, whatever ADOBE_IMS_* say: the emulators know no
		// other, and a real secret has no business going to them.
		ImsProperties credential = new ImsProperties(EmulatedAdobeOrg.CLIENT_ID, EmulatedAdobeOrg.CLIENT_SECRET,
				EmulatedAdobeOrg.ORG_ID, EmulatedAdobeOrg.SCOPES,
				URI.create(SandboxImsController.BASE_PATH + SandboxImsController.TOKEN_PATH),
				operatorCredential.timeout());
		SimpleAsyncTaskExecutor refresher = new SimpleAsyncTaskExecutor("sandbox-ims-refresh-");
		refresher.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		ImsTokens tokens = new ImsTokens(AdobeApis.restClient(builder, credential.timeout()), credential,
				() -> EmulatorUrls.at(environment, SandboxImsController.BASE_PATH + SandboxImsController.TOKEN_PATH),
				Clock.systemUTC(), refresher);
		return new EdgeConnection(new SandboxEdgeEndpoint(environment, edge.sandboxName()), credential, tokens);
	}

}
