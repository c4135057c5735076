package io.bulwark.journal;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.repository.Repository;

/**
 * The one place the Spring Data repositories wait for the read models: every repository in this application
 * reads a read-model table, so each of their methods first calls {@link ReadModels#awaitCurrent()}. (The few
 * readers on a {@code JdbcTemplate} call it themselves.)
 */
final class ReadModelRepositories implements BeanPostProcessor {
    private final ObjectProvider<ReadModels> readModels;

    ReadModelRepositories(ObjectProvider<ReadModels> readModels) {
        this.readModels = readModels;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof Repository<?, ?> && bean instanceof Advised advised && !advised.isFrozen()) {
            advised.addAdvice(0, (MethodInterceptor) invocation -> {
                if (invocation.getMethod().getDeclaringClass() != Object.class) {
                    readModels.getObject().awaitCurrent();
                }
                return invocation.proceed();
            });
        }
        return bean;
    }
}
