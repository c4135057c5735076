package io.bulwark.journal;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JournalProperties.class)
class JournalConfiguration {

    @Bean
    JournalConnections journalConnections(Environment env, JournalProperties properties) {
        return new JournalConnections(
                env.getRequiredProperty("spring.datasource.url"),
                env.getProperty("spring.datasource.username", "postgres"),
                env.getProperty("spring.datasource.password", ""),
                properties.journal());
    }

    /**
     * The pooled connections (reads, read models, admin queries) get their own socket and statement limits:
     * a stuck database answers those requests with a 503 instead of holding their threads.
     */
    @Bean
    static BeanPostProcessor poolTimeLimits(Environment env) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    JournalProperties.Journal limits =
                            Binder.get(env).bindOrCreate("bulwark.journal", JournalProperties.Journal.class);
                    pool.addDataSourceProperty(
                            "socketTimeout", JournalProperties.Journal.seconds(limits.poolSocketTimeout()));
                    pool.addDataSourceProperty(
                            "options",
                            JournalProperties.Journal.options(
                                    limits.poolStatementTimeout(), limits.poolStatementTimeout()));
                }
                return bean;
            }
        };
    }

    /** History reads through the repositories wait for the projector ({@link ReadModels}). */
    @Bean
    static BeanPostProcessor readModelRepositories(ObjectProvider<ReadModels> readModels) {
        return new ReadModelRepositories(readModels);
    }

    @Bean
    ReadModels readModels(EngineSupervisor supervisor, javax.sql.DataSource pool, JournalProperties properties) {
        return new ReadModels(supervisor, pool, properties.engine().readModelWait());
    }

    @Bean
    JournalAudit journalAudit(JournalConnections connections) {
        return new JournalAudit(connections);
    }

    @Bean
    EngineSupervisor engineSupervisor(
            JournalConnections connections,
            JournalProperties properties,
            ObjectProvider<Projection> projections,
            ObjectProvider<JournalListener> listeners,
            ObjectProvider<WriterStartupTask> startupTasks,
            MeterRegistry registry) {
        return new EngineSupervisor(
                connections,
                properties,
                projections.orderedStream().toList(),
                listeners.orderedStream().toList(),
                startupTasks.orderedStream().toList(),
                registry);
    }
}
