package io.recsbridge.recommendation;

import io.recsbridge.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.boot.test.json.JacksonTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email payload's JSON as Boot's configured {@code ObjectMapper} writes it: every
 * field present and none {@code null}, prices with their minor unit, enums in their wire
 * spelling. AJO infers its field types from such a sample; the end-to-end tests
 * ({@code RecommendationApiTests}) show the service producing it.
 */
@JsonTest
class EmailPayloadJsonTests {

	private static final String GOLDEN = "/io/recsbridge/recommendation/email-payload-cart.json";

	@Autowired
	private JacksonTester<EmailPayload> json;

	@Test
	void theGoldenPayloadIsWrittenFieldForField() throws Exception {
		EmailPayload payload = this.json.parseObject(Fixtures.read(GOLDEN));

		assertThat(this.json.write(payload)).isStrictlyEqualToJson(Fixtures.read(GOLDEN))
			.hasJsonPathNumberValue("$.items[0].price")
			.extractingJsonPathNumberValue("$.cart.subtotal")
			.hasToString("628.99");
		assertThat(this.json.write(payload).getJson()).contains("\"price\":35.00", "\"source\":\"target\"",
				"\"reason\":\"\"");
	}

	@Test
	void anAnswerWithoutItemsStillHasEveryFieldAndNoNull() throws Exception {
		EmailPayload empty = EmailPayload.empty("browse", "", EmailCart.EMPTY, Source.NONE, Reason.IDENTITY_NOT_FOUND,
				"r-1");

		assertThat(this.json.write(empty)).isStrictlyEqualToJson("""
				{"useCase": "browse", "ecid": "", "hasItems": false, "itemCount": 0, "items": [],
				 "cart": {"hasItems": false, "itemCount": 0, "items": [], "subtotal": 0, "formattedSubtotal": ""},
				 "source": "none", "reason": "identity-not-found",
				 "activityId": "", "activityName": "", "experienceName": "", "requestId": "r-1"}
				""");
	}

}
