package io.recsbridge.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The application as a new user starts it, on the built-in sandbox (no Target client
 * code), on random ports, with metrics exported and MockMvc at hand. Every class so
 * annotated shares one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// The first sandbox call of a cold JVM on a busy 2-core CI machine can outlast the 500 ms
// production timeout; timeouts are tested against WireMock, not here. The deadline grows
// with it, or the service refuses to start (the budget check).
//
// One running request thread at a time: the sandbox's answers call the sandbox itself
// over HTTP (Target, Get Entity), which must work while the caller waits away from its
// slot.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "target.timeout=5s", "bridge.deadline=6s", "bridge.max-running=1" })
@Import(RequestSlotsOnAnyJava.class)
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
public @interface SandboxApplicationTest {

	/** The sandbox's demo API key, accepted while no keys are configured. */
	String API_KEY = "sandbox-demo-key";

}
