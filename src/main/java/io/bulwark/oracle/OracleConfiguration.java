package io.bulwark.oracle;

import io.bulwark.journal.EngineGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatedOracleProperties.class)
class OracleConfiguration {

    @Bean
    @ConditionalOnProperty(name = "bulwark.oracle.simulated", havingValue = "true", matchIfMissing = true)
    SimulatedOracle simulatedOracle(EngineGateway gateway, SimulatedOracleProperties properties) {
        return new SimulatedOracle(gateway, properties);
    }
}
