package io.recsbridge.recommendation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Any ECID among the request's identities is a well-formed one. That the request names
 * someone at all is not required: a request naming nobody is answered
 * {@code identity-not-found}.
 */
@Documented
@Constraint(validatedBy = EcidsWellFormedValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface EcidsWellFormed {

	String message() default Limits.ECID_MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
