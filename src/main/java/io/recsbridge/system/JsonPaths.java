package io.recsbridge.system;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;

/**
 * Jackson's view of where and what a bad JSON value was, in the caller's terms.
 */
final class JsonPaths {

	private JsonPaths() {
	}

	static String of(List<Reference> path) {
		StringBuilder field = new StringBuilder();
		for (Reference reference : path) {
			if (reference.getFieldName() != null) {
				if (field.length() > 0) {
					field.append('.');
				}
				field.append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	static String expectation(Class<?> type) {
		if (type == null) {
			return "has the wrong type";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "must be an integer";
		}
		if (type == BigDecimal.class || type == Double.class || type == double.class) {
			return "must be a number";
		}
		if (type == String.class) {
			return "must be a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "must be a list";
		}
		return "must be an object";
	}

}
