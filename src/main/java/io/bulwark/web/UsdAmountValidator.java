package io.bulwark.web;

import io.bulwark.engine.money.Decimals;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.math.BigDecimal;

/** Checks {@link UsdAmount}. */
public class UsdAmountValidator implements ConstraintValidator<UsdAmount, BigDecimal> {
    /** One quadrillion dollars: far above any real balance, far below what could overflow anything. */
    public static final String MAX = "1000000000000000";

    private static final BigDecimal LIMIT = new BigDecimal(MAX);

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
        return value == null
                || (value.signum() > 0 && value.compareTo(LIMIT) <= 0 && Decimals.fitsScale(value, Decimals.USD_SCALE));
    }
}
