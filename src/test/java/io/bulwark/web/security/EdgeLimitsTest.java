package io.bulwark.web.security;

import io.bulwark.testsupport.ManualClock;
import io.bulwark.web.HttpApiTestBase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * One application for the tests of the per-address and WebSocket limits: the SPEC's defaults (the test
 * configuration raises them for every other test), 127.0.0.1 and ::1 as the trusted proxy (so a test names its
 * client in {@code X-Forwarded-For}), and a {@link ManualClock} as the limits' clock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bulwark.admin-key=" + HttpApiTestBase.ADMIN_KEY,
            "bulwark.oracle.simulated=false",
            "bulwark.http.trusted-proxies=127.0.0.1/32,::1/128",
            "bulwark.rate-limit.anonymous-requests-per-second=" + EdgeLimitsTest.ANONYMOUS_PER_SECOND,
            "bulwark.rate-limit.anonymous-burst=" + EdgeLimitsTest.ANONYMOUS_BURST,
            "bulwark.websocket.max-connections-per-address=" + EdgeLimitsTest.CONNECTIONS,
            "bulwark.websocket.operations-per-second=" + EdgeLimitsTest.OPERATIONS_PER_SECOND,
            "bulwark.websocket.operations-burst=" + EdgeLimitsTest.OPERATIONS_BURST
        })
@Import(EdgeLimitsTest.Clock.class)
public @interface EdgeLimitsTest {
    int ANONYMOUS_PER_SECOND = 20;
    int ANONYMOUS_BURST = 40;
    int CONNECTIONS = 20;
    int OPERATIONS_PER_SECOND = 10;
    int OPERATIONS_BURST = 20;

    @TestConfiguration(proxyBeanMethods = false)
    class Clock {
        @Bean
        ManualClock rateLimitClock() {
            return new ManualClock();
        }
    }
}
