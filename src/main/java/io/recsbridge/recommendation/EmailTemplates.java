package io.recsbridge.recommendation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.MapValueResolver;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Each use case's AJO email template, compiled once at start-up, rendered against a
 * payload as AJO renders it: Handlebars lists, HTML-escaped, conditions in AJO's
 * {@code {%#if%}} helper ({@link AjoConditions}), the payload under
 * {@code context.journey.actions.<action>}. A use case names its file with
 * {@code email-template}; otherwise the kit's {@code openapi/ajo/<use case>-email.html}
 * is used when there is one.
 */
@Component
class EmailTemplates {

	/** The kit's templates, as the build copies them from {@code openapi/ajo}. */
	static final String KIT_LOCATION = "classpath:ajo/%s-email.html";

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private final Map<String, Template> templates = new HashMap<>();

	private final ObjectMapper objectMapper;

	EmailTemplates(BridgeProperties properties, ResourceLoader resources, ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
		Handlebars handlebars = AjoConditions.register(new Handlebars(), false);
		properties.useCases().forEach((name, useCase) -> {
			Resource template = useCase.emailTemplate();
			if (template == null) {
				template = resources.getResource(KIT_LOCATION.formatted(name));
				if (!template.exists()) {
					return;
				}
			}
			this.templates.put(name, compile(handlebars, template));
		});
	}

	static Template compile(Handlebars handlebars, Resource resource) {
		return compile(handlebars, resource, false);
	}

	/**
	 * Compiles a template, its AJO conditions included.
	 * @param handlebars an engine {@link AjoConditions#register registered} for them
	 * @param resource the template
	 * @param strict whether a condition the rendering cannot evaluate is an error (the
	 * kit's tests) rather than rendered false (an operator's template in the preview)
	 * @return the template
	 */
	static Template compile(Handlebars handlebars, Resource resource, boolean strict) {
		try (InputStream input = resource.getInputStream()) {
			return handlebars.compileInline(
					AjoConditions.translate(new String(input.readAllBytes(), StandardCharsets.UTF_8), strict));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the email template " + resource.getDescription(), ex);
		}
	}

	/**
	 * Whether the use case has a template.
	 * @param useCase the use case
	 * @return {@code true} when {@link #render} renders one
	 */
	boolean has(String useCase) {
		return this.templates.containsKey(useCase);
	}

	/**
	 * The email the payload makes.
	 * @param useCase the use case
	 * @param payload the payload
	 * @return the HTML, or {@code ""} when the use case has no template
	 */
	String render(String useCase, EmailPayload payload) {
		Template template = this.templates.get(useCase);
		if (template == null) {
			return "";
		}
		return render(template, this.objectMapper.convertValue(payload, FIELDS));
	}

	/**
	 * Renders a template with the payload as any custom action's answer: whatever the
	 * journey named its action, {@code context.journey.actions.<action>} is the payload.
	 * @param template the template
	 * @param payload the payload's fields, as JSON gives them
	 * @return the HTML
	 */
	static String render(Template template, Map<String, Object> payload) {
		Map<String, Object> model = Map.of("context", Map.of("journey", Map.of("actions", new AnyAction(payload))));
		try {
			return template.apply(Context.newBuilder(model).resolver(MapValueResolver.INSTANCE).build());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot render the email template", ex);
		}
	}

	/**
	 * The journey's actions, each of which is the payload: a template names its action as
	 * the journey does, and the preview need not know that name.
	 */
	private static final class AnyAction extends AbstractMap<String, Object> {

		private final Map<String, Object> payload;

		AnyAction(Map<String, Object> payload) {
			this.payload = payload;
		}

		@Override
		public Object get(Object key) {
			return this.payload;
		}

		@Override
		public boolean containsKey(Object key) {
			return true;
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			return Set.of();
		}

	}

}
