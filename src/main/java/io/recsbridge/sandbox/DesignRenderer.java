package io.recsbridge.sandbox;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Renders the project's Recommendations design,
 * {@code openapi/target/recs-bridge-design.vm} (on the classpath under {@value #DESIGN}),
 * the way Target does: Velocity over {@code $entities} and {@code $key}, every attribute
 * a string. So the sandbox answers with exactly what the shipped design produces, and a
 * broken design fails the tests.
 */
final class DesignRenderer {

	static final String DESIGN = "sandbox/design/recs-bridge-design.vm";

	private final Template template;

	private final ObjectMapper objectMapper;

	DesignRenderer(ObjectMapper objectMapper) {
		Properties properties = new Properties();
		properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "class");
		properties.setProperty("resource.loader.class.class", ClasspathResourceLoader.class.getName());
		VelocityEngine engine = new VelocityEngine(properties);
		engine.init();
		this.template = engine.getTemplate(DESIGN, "UTF-8");
		this.objectMapper = objectMapper;
	}

	/**
	 * The design's text for the recommendation.
	 */
	String render(Recommendation recommendation) {
		VelocityContext context = new VelocityContext();
		List<Map<String, String>> entities = recommendation.entities().stream().map(Product::attributes).toList();
		context.put("entities", entities);
		if (!recommendation.keyId().isEmpty()) {
			context.put("key", Map.of("id", recommendation.keyId()));
		}
		StringWriter out = new StringWriter();
		this.template.merge(context, out);
		return out.toString();
	}

	/**
	 * The design's output as the JSON object Target returns for a JSON offer.
	 * @throws IllegalStateException when the design did not render valid JSON
	 */
	JsonNode renderJson(Recommendation recommendation) {
		String rendered = render(recommendation);
		try {
			return this.objectMapper.readTree(rendered);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("The Recommendations design rendered invalid JSON", ex);
		}
	}

}
