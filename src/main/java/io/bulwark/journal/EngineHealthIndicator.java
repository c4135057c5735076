package io.bulwark.journal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP only while this instance is the writer: part of the readiness group, so a standby or a
 * recovering instance receives no traffic from a load balancer.
 */
@Component("engine")
class EngineHealthIndicator implements HealthIndicator {
    private final EngineGateway gateway;

    EngineHealthIndicator(EngineGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Health health() {
        NodeStatus status = gateway.nodeStatus();
        Health.Builder health = status.role() == NodeStatus.Role.WRITER ? Health.up() : Health.outOfService();
        return health.withDetail("role", status.role())
                .withDetail("leaseEpoch", status.leaseEpoch())
                .withDetail("lastCommittedSequence", status.lastCommittedSequence())
                .withDetail("recoveryVerified", status.recovery().verified())
                .build();
    }
}
