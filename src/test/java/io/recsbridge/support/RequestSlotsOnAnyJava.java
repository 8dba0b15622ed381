package io.recsbridge.support;

import java.util.concurrent.Executors;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The bound on request threads running at once (system/RequestSlots), where the tests
 * run. In production (Java 25) it wraps Boot's virtual-thread executor; on Java 17 Tomcat
 * would make its own pool, which the bridge leaves alone. This gives Tomcat a thread per
 * request instead (as virtual threads do), so the bridge wraps it as in production. A
 * virtual-thread executor (Java 21+) is kept.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RequestSlotsOnAnyJava {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> aThreadPerRequest() {
		return new AThreadPerRequest();
	}

	/** Ordered before the bridge's own customizer, which wraps what it finds. */
	static final class AThreadPerRequest implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addConnectorCustomizers((connector) -> {
				if (connector.getProtocolHandler().getExecutor() == null) {
					connector.getProtocolHandler().setExecutor(Executors.newCachedThreadPool());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
