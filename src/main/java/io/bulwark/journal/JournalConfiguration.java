package io.bulwark.journal;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JournalProperties.class)
class JournalConfiguration {

    @Bean
    JournalConnections journalConnections(Environment env) {
        return new JournalConnections(
                env.getRequiredProperty("spring.datasource.url"),
                env.getProperty("spring.datasource.username", "postgres"),
                env.getProperty("spring.datasource.password", ""));
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
