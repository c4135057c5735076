package io.bulwark.oracle;

import io.bulwark.db.EmbeddedDemo;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The simulated oracle runs when {@code bulwark.oracle.simulated} ({@code BULWARK_ORACLE_SIMULATED}) is true, never
 * when it is false, and, when it is not set, only in the embedded demo ({@link EmbeddedDemo}): a deployment on a
 * real database never gets made-up prices by default.
 */
class SimulatedOracleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Boolean simulated = context.getEnvironment().getProperty("bulwark.oracle.simulated", Boolean.class);
        return simulated != null ? simulated : EmbeddedDemo.runs(context.getEnvironment());
    }
}
