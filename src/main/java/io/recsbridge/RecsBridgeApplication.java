package io.recsbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Recs Bridge: answers Adobe Journey Optimizer custom actions with Adobe Target
 * Recommendations shaped for email templates.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RecsBridgeApplication {

	public static void main(String[] args) {
		SpringApplication.run(RecsBridgeApplication.class, args);
	}

}
