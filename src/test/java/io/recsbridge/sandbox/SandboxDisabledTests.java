package io.recsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsbridge.target.TargetEndpoint;
import io.recsbridge.target.Transport;
import io.recsbridge.target.TransportChoice;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a Target client code, the Delivery API is real and the sandbox is not there at
 * all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "target.client-code=acme", "target.base-url=http://127.0.0.1:9", "bridge.api-keys=k" })
class SandboxDisabledTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private TestRestTemplate http;

	@Test
	void noSandboxBeanExistsWhenTheTransportIsDelivery() {
		assertThat(this.context.getBean(TransportChoice.class).transport()).isEqualTo(Transport.DELIVERY);
		assertThat(this.context.getBeanNamesForType(SandboxConfiguration.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(DeliveryEmulator.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxDeliveryController.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxDeliveryErrors.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxVisitorsController.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(VisitorProfiles.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TargetEndpoint.class)).isEmpty();
	}

	@Test
	void theEmulatorPathIsNotFound() {
		ResponseEntity<JsonNode> response = this.http
			.postForEntity("/sandbox/target/rest/v1/delivery?client=sandbox&sessionId=s", "{}", JsonNode.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void thePreviewPageListsNoDemoVisitors() {
		assertThat(this.http.getForEntity("/sandbox/visitors", JsonNode.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

}
