package io.recsbridge.recommendation;

import java.util.List;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link EcidsWellFormed}, reporting on the field the caller would fix.
 */
class EcidsWellFormedValidator implements ConstraintValidator<EcidsWellFormed, RecommendationRequest> {

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
		return valid;
	}

}
