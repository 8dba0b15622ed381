package io.recsbridge.catalog;

/**
 * The catalog could not say whether or what an entity is. The message says how, never
 * what the catalog answered.
 */
class CatalogLookupException extends RuntimeException {

	CatalogLookupException(String message) {
		super(message, null, false, false);
	}

}
