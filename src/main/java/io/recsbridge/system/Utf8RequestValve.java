package io.recsbridge.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Reads every request as UTF-8, whatever charset its {@code Content-Type} names: what
 * Boot's character-encoding filter does with {@code force-request}, without being a
 * servlet filter (see {@link ServletFilters}). It matters beyond the body: Spring decodes
 * the request path with the request's encoding, and {@code application/json;charset=} (an
 * empty charset) would otherwise make a 500 of any request.
 */
final class Utf8RequestValve extends ValveBase {

	Utf8RequestValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setCharacterEncoding(StandardCharsets.UTF_8.name());
		getNext().invoke(request, response);
	}

}
