package io.recsbridge.recommendation;

import java.util.List;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link IdentityPresent}, reporting on the field the caller would fix.
 */
class IdentityPresentValidator implements ConstraintValidator<IdentityPresent, RecommendationRequest> {

	@Override
	public boolean isValid(RecommendationRequest request, ConstraintValidatorContext context) {
		if (request == null) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		boolean valid = true;
		List<RecommendationRequest.Identity> identities = request.identities();
		for (int i = 0; i < identities.size(); i++) {
			RecommendationRequest.Identity identity = identities.get(i);
			if (identity != null && IdentityNamespaces.isEcid(identity.namespace()) && identity.id() != null
					&& !identity.id().matches(Limits.ECID)) {
				context.buildConstraintViolationWithTemplate(Limits.ECID_MESSAGE)
					.addPropertyNode("identities[" + i + "].id")
					.addConstraintViolation();
				valid = false;
			}
		}
		if (!hasText(request.ecid())
				&& identities.stream().noneMatch((identity) -> identity != null && hasText(identity.id()))) {
			context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
				.addPropertyNode("ecid")
				.addConstraintViolation();
			valid = false;
		}
		return valid;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
