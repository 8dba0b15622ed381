package io.recsbridge.sandbox;

import java.math.BigDecimal;
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

	private final List<DemoVisitor> visitors;

	SandboxVisitorsController(Catalog catalog) {
		List<CartLine> cart = DemoVisitors.CART.stream()
			.map((id) -> catalog.find(id).orElseThrow())
			.map((product) -> new CartLine(product.id(), product.name(), product.thumbnailUrl(), product.pageUrl(),
					new BigDecimal(product.value()), 1))
			.toList();
		this.visitors = List.of(
				new DemoVisitor("The cart visitor: left two winter coats and a sweatshirt", "abandoned-cart",
						DemoVisitors.CART_VISITOR, null, cart),
				new DemoVisitor("The browsing visitor: viewed four items without buying", "recently-viewed",
						DemoVisitors.BROWSING_VISITOR, null, List.of()),
				new DemoVisitor("A visitor never seen: popular items", "recently-viewed", DemoVisitors.NEW_VISITOR,
						null, List.of()),
				new DemoVisitor("jane@example.com: the cart visitor, by email", "abandoned-cart", null,
						new Identity("Email", "jane@example.com"), cart),
				new DemoVisitor("robin@example.com: two devices, items merged", "recently-viewed", null,
						new Identity("Email", "robin@example.com"), List.of()));
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	List<DemoVisitor> visitors() {
		return this.visitors;
	}

	/**
	 * A demo visitor and what an AJO event would carry for them.
	 *
	 * @param label who they are
	 * @param useCase the use case that shows them best
	 * @param ecid their ECID, or {@code null} when known by an identity
	 * @param identity an identity, or {@code null}
	 * @param cartItems the cart lines the AJO event would carry (the site's data layer
	 * put names, images, links and prices in it)
	 */
	record DemoVisitor(String label, String useCase, String ecid, Identity identity, List<CartLine> cartItems) {
	}

	/**
	 * A cart line as the request's {@code cartItems} takes it.
	 *
	 * @param id the product id
	 * @param name its name
	 * @param imageUrl its image
	 * @param productUrl its page
	 * @param price its unit price
	 * @param quantity how many
	 */
	record CartLine(String id, String name, String imageUrl, String productUrl, BigDecimal price, int quantity) {
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
