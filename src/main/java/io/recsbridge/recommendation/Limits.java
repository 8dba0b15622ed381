package io.recsbridge.recommendation;

/**
 * The bounds on what a caller may send, in one place so docs/api.md and the validation
 * agree.
 */
final class Limits {

	/** An Experience Cloud ID: exactly 38 decimal digits. */
	static final String ECID = "[0-9]{38}";

	static final String ECID_MESSAGE = "must be exactly 38 digits";

	/**
	 * Item ids travel to Target in comma-separated lists, so a comma would split one id
	 * in two.
	 */
	static final String ITEM_ID = "[^,\\p{Cntrl}]*";

	static final String ITEM_ID_MESSAGE = "must not contain a comma or a control character";

	static final String PRINTABLE = "[^\\p{Cntrl}]*";

	static final String PRINTABLE_MESSAGE = "must not contain a control character";

	static final String LOCALE = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*";

	static final int MAX_LIST = 50;

	static final int MAX_STRING = 256;

	/** Image and page URLs carry CDN and tracking queries that outgrow 256 characters. */
	static final int MAX_URL = 2048;

	static final int MAX_ITEMS = 20;

	private Limits() {
	}

}
