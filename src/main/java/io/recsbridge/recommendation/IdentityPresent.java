package io.recsbridge.recommendation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The request names the person: an {@code ecid}, or at least one identity (and any ECID
 * among the identities is a well-formed one).
 */
@Documented
@Constraint(validatedBy = IdentityPresentValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface IdentityPresent {

	String message() default "an ecid or at least one identity is required";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
