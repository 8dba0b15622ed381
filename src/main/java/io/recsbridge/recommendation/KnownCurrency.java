package io.recsbridge.recommendation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An ISO 4217 currency code the JDK can format prices in.
 */
@Documented
@Constraint(validatedBy = KnownCurrency.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@interface KnownCurrency {

	String message() default "must be a known ISO 4217 currency code";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<KnownCurrency, String> {

		@Override
		public boolean isValid(String code, ConstraintValidatorContext context) {
			if (code == null || !code.matches("[A-Z]{3}")) {
				// Absent is fine; malformed is @Pattern's to report.
				return true;
			}
			try {
				Currency.getInstance(code);
				return true;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

	}

}
