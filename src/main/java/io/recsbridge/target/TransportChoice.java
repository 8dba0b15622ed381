package io.recsbridge.target;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The transport in force and why, decided once from the configuration: an explicit
 * {@code TARGET_TRANSPORT} wins; otherwise a datastream means the Edge Network (Adobe's
 * road for Web SDK implementations, which this integration is offered for), a client code
 * alone means the Delivery API, and neither means the sandbox.
 *
 * @param transport the transport
 * @param reason the settings that chose it, in the operator's variable names
 */
public record TransportChoice(Transport transport, String reason) {

	/**
	 * Chooses the transport.
	 * @param configured {@code target.transport}, or {@code null}
	 * @param clientCode {@code target.client-code}, or {@code null}
	 * @param datastreamId {@code edge.datastream-id}, or {@code null}
	 * @return the transport in force and why
	 */
	public static TransportChoice of(Transport configured, String clientCode, String datastreamId) {
		if (configured != null) {
			return new TransportChoice(configured, "TARGET_TRANSPORT=" + name(configured));
		}
		boolean datastream = datastreamId != null && !datastreamId.isBlank();
		boolean client = clientCode != null && !clientCode.isBlank();
		if (datastream) {
			return new TransportChoice(Transport.EDGE, "EDGE_DATASTREAM_ID is set and TARGET_TRANSPORT is not"
					+ (client ? " (TARGET_TRANSPORT=delivery would use TARGET_CLIENT_CODE instead)" : ""));
		}
		if (client) {
			return new TransportChoice(Transport.DELIVERY,
					"TARGET_CLIENT_CODE is set, EDGE_DATASTREAM_ID and TARGET_TRANSPORT are not");
		}
		return new TransportChoice(Transport.SANDBOX,
				"none of TARGET_TRANSPORT, EDGE_DATASTREAM_ID, " + "TARGET_CLIENT_CODE is set");
	}

	/**
	 * Chooses the transport from bound configuration, environment variables included.
	 * @param binder the binder over the environment
	 * @return the transport in force and why
	 */
	public static TransportChoice of(Binder binder) {
		return of(binder.bind("target.transport", Transport.class).orElse(null),
				binder.bind("target.client-code", String.class).orElse(null),
				binder.bind("edge.datastream-id", String.class).orElse(null));
	}

	/**
	 * The transport's name as {@code TARGET_TRANSPORT} spells it.
	 * @return {@code delivery}, {@code edge} or {@code sandbox}
	 */
	public String name() {
		return name(this.transport);
	}

	private static String name(Transport transport) {
		return transport.name().toLowerCase(java.util.Locale.ROOT);
	}

}
