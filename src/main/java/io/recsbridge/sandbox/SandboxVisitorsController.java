package io.recsbridge.sandbox;

import java.util.List;

import io.recsbridge.target.ConditionalOnTransport;
import io.recsbridge.target.Transport;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's demo visitors, for the preview page to offer: present only on the
 * sandbox, so a page served by a bridge on a real Target lists nobody.
 */
@RestController
@ConditionalOnTransport(Transport.SANDBOX)
class SandboxVisitorsController {

	static final String PATH = "/sandbox/visitors";

	private static final List<DemoVisitor> VISITORS = List.of(
			new DemoVisitor("The cart visitor: left two winter coats and a sweatshirt", "abandoned-cart",
					DemoVisitors.CART_VISITOR, null, DemoVisitors.CART),
			new DemoVisitor("The browsing visitor: viewed four items without buying", "recently-viewed",
					DemoVisitors.BROWSING_VISITOR, null, List.of()),
			new DemoVisitor("A visitor never seen: popular items", "recently-viewed", DemoVisitors.NEW_VISITOR, null,
					List.of()),
			new DemoVisitor("jane@example.com: the cart visitor, by email", "abandoned-cart", null,
					new Identity("Email", "jane@example.com"), DemoVisitors.CART),
			new DemoVisitor("robin@example.com: two devices, items merged", "recently-viewed", null,
					new Identity("Email", "robin@example.com"), List.of()));

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	List<DemoVisitor> visitors() {
		return VISITORS;
	}

	/**
	 * A demo visitor and what an AJO event would carry for them.
	 *
	 * @param label who they are
	 * @param useCase the use case that shows them best
	 * @param ecid their ECID, or {@code null} when known by an identity
	 * @param identity an identity, or {@code null}
	 * @param cartItemIds the cart the AJO event would carry
	 */
	record DemoVisitor(String label, String useCase, String ecid, Identity identity, List<String> cartItemIds) {
	}

	/**
	 * An identity of a demo person.
	 *
	 * @param namespace the namespace
	 * @param id the value
	 */
	record Identity(String namespace, String id) {
	}

}
