package io.bulwark.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A positive USD amount the ledger can hold exactly: greater than 0, at most {@value UsdAmountValidator#MAX}
 * and at most 6 decimals. Null is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = UsdAmountValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface UsdAmount {
    String message() default "must be greater than 0, at most " + UsdAmountValidator.MAX + ", with at most 6 decimals";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
