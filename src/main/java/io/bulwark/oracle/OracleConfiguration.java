package io.bulwark.oracle;

import io.bulwark.journal.EngineGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatedOracleProperties.class)
class OracleConfiguration {

    @Bean
    @Conditional(SimulatedOracleCondition.class)
    SimulatedOracle simulatedOracle(EngineGateway gateway, SimulatedOracleProperties properties) {
        return new SimulatedOracle(gateway, properties);
    }
}
