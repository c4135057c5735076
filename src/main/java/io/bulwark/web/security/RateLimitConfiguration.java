package io.bulwark.web.security;

import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request limits {@link RateLimitFilter} applies (it is part of the security filter chain, see
 * {@link SecurityConfiguration}). A {@link TimeMeter} bean, when there is one, is their clock (tests); otherwise
 * {@code System.nanoTime()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    RateLimits rateLimits(RateLimitProperties properties, ObjectProvider<TimeMeter> clock) {
        return new RateLimits(properties, clock.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
    }
}
