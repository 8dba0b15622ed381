package io.recsbridge.sandbox;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.sandbox.EmulatedRequest.Context;
import io.recsbridge.sandbox.EmulatedRequest.Execute;
import io.recsbridge.sandbox.EmulatedRequest.Mbox;
import io.recsbridge.sandbox.EmulatedRequest.VisitorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DeliveryEmulatorTests {

	private static final Context WEB = new Context("web");

	private static final VisitorId ECID = new VisitorId(null, null, "12345678901234567890123456789012345678");

	private final VisitorProfiles profiles = new VisitorProfiles(100, 20);

	private final DeliveryEmulator emulator = new DeliveryEmulator(TestCatalogs.small(), this.profiles,
			new DesignRenderer(new ObjectMapper()));

	private static EmulatedRequest request(VisitorId id, Mbox... mboxes) {
		return new EmulatedRequest(null, WEB, id, new Execute(List.of(mboxes)));
	}

	private static Mbox mbox(String name, Map<String, String> parameters) {
		return new Mbox(null, name, parameters);
	}

	private void assertRefused(String client, String sessionId, EmulatedRequest request, String message) {
		assertThatExceptionOfType(InvalidDeliveryRequestException.class)
			.isThrownBy(() -> this.emulator.deliver(client, sessionId, request))
			.withMessageContaining(message);
	}

	@Test
	void requestsWithoutClientAreRefused() {
		assertRefused(" ", "s", request(ECID), "client");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a b", "a?b", "a/b" })
	void sessionIdsTargetWouldRefuseAreRefused(String sessionId) {
		assertRefused("sandbox", sessionId, request(ECID), "sessionId");
		assertRefused("sandbox", "x".repeat(129), request(ECID), "sessionId");
	}

	@Test
	void requestsWithoutBodyOrChannelAreRefused() {
		assertRefused("sandbox", "s", null, "body");
		assertRefused("sandbox", "s", new EmulatedRequest(null, new Context(" "), ECID, null), "context.channel");
	}

	@Test
	void requestsWithoutAUsableVisitorIdAreRefused() {
		assertRefused("sandbox", "s", request(null), "id.marketingCloudVisitorId");
		assertRefused("sandbox", "s", request(new VisitorId("", " ", null)), "id.marketingCloudVisitorId");
		assertRefused("sandbox", "s", request(new VisitorId(null, null, "9".repeat(129))), "128");
	}

	@Test
	void mboxesWithoutNameAreRefused() {
		assertRefused("sandbox", "s", request(ECID, mbox(" ", Map.of())), "execute.mboxes[0].name");
	}

	@Test
	void aRequestWithoutExecuteIsAnsweredWithoutExecute() {
		EmulatedResponse response = this.emulator.deliver("sandbox", "s", new EmulatedRequest(null, WEB, ECID, null));
		assertThat(response.execute()).isNull();
		assertThat(response.requestId()).isNotBlank();
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void mboxesAreAnsweredWithTheirIndexOrTheirPosition() {
		EmulatedResponse response = this.emulator.deliver("sandbox", "s", request(ECID,
				new Mbox(7, "ajo-recently-viewed", null), mbox("ajo-abandoned-cart", Map.of("cartIds", "coat-1"))));
		assertThat(response.execute().mboxes()).extracting(EmulatedResponse.MboxResponse::index).containsExactly(7, 1);
		assertThat(response.execute().mboxes().get(1).options().get(0).content().at("/items/0/id").asText())
			.isEqualTo("scarf-1");
	}

	@Test
	void aThirdPartyIdKeysTheProfileAndASentTntIdIsEchoed() {
		VisitorId crm = new VisitorId("tnt-1.28_0", "crm-1", null);
		EmulatedResponse response = this.emulator.deliver("sandbox", "s",
				request(crm, mbox("product-view", Map.of("entity.id", "coat-2"))));
		assertThat(this.profiles.get("crm-1").viewed()).containsExactly("coat-2");
		assertThat(response.id().tntId()).isEqualTo("tnt-1.28_0");
		assertThat(response.id().thirdPartyId()).isEqualTo("crm-1");
	}

	@Test
	void theGeneratedTntIdIsStablePerVisitor() {
		String first = this.emulator.deliver("sandbox", "s", request(ECID)).id().tntId();
		assertThat(this.emulator.deliver("sandbox", "t", request(ECID)).id().tntId()).isEqualTo(first)
			.endsWith(".28_0");
	}

	@Test
	void viewsOfEntitiesTheCatalogLacksAreNotRecorded() {
		this.emulator.deliver("sandbox", "s", request(ECID, mbox("product-view", Map.of("entity.id", "gone"))));
		assertThat(this.profiles.get(ECID.marketingCloudVisitorId())).isEqualTo(VisitorProfile.EMPTY);
	}

	@Test
	void detailsOnlyCallsAreNotViews() {
		this.emulator.deliver("sandbox", "s",
				request(ECID, mbox("product-view", Map.of("entity.id", "coat-1", "entity.event.detailsOnly", "TRUE"))));
		assertThat(this.profiles.get(ECID.marketingCloudVisitorId()).viewed()).isEmpty();
	}

	@Test
	void cartBasedReadsOnlyTheFirstTenCartIdsAndNeverAnswersThem() {
		// coat-1 is the eleventh: Target ignores it, so coats are not what goes with the
		// cart.
		String ids = "a,b,c,,d,e,f,g,h,i,j,coat-1,a";
		EmulatedResponse response = this.emulator.deliver("sandbox", "s",
				request(ECID, mbox("ajo-abandoned-cart", Map.of("cartIds", ids))));
		assertThat(response.execute().mboxes().get(0).options().get(0).content().at("/key").asText()).isEmpty();
		String withTheCoat = this.emulator
			.deliver("sandbox", "s", request(ECID, mbox("ajo-abandoned-cart", Map.of("cartIds", "hat-9,coat-1"))))
			.execute()
			.mboxes()
			.get(0)
			.options()
			.get(0)
			.content()
			.toString();
		assertThat(withTheCoat).contains("\"key\":\"coat-1\"").doesNotContain("\"id\":\"coat-1\"");
		assertThat(this.profiles.get(ECID.marketingCloudVisitorId())).isEqualTo(VisitorProfile.EMPTY);
	}

	@Test
	void commaListsIgnoreBlanksAndDuplicates() {
		assertThat(DeliveryEmulator.commaList(" a, ,b,a ", 5)).containsExactly("a", "b");
		assertThat(DeliveryEmulator.commaList(null, 5)).isEmpty();
	}

}
