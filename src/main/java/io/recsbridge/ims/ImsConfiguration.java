package io.recsbridge.ims;

import java.time.Clock;

import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.client.RestClient;

/**
 * IMS tokens for whichever feature needs them (the Edge transport, the AEP Identity
 * Service). Features that need a credential check {@link ImsProperties#missing()} at
 * start-up and say what to set.
 */
@Configuration(proxyBeanMethods = false)
class ImsConfiguration {

	@Bean
	ImsTokens imsTokens(RestClient.Builder builder, ImsProperties properties, Environment environment) {
		SimpleAsyncTaskExecutor refresher = new SimpleAsyncTaskExecutor("ims-refresh-");
		refresher.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		return new ImsTokens(AdobeApis.restClient(builder, properties.timeout()), properties, Clock.systemUTC(),
				refresher);
	}

}
