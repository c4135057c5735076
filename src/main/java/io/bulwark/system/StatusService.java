package io.bulwark.system;

import io.bulwark.engine.EngineView.StatusView;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.EngineUnavailableException;
import io.bulwark.journal.NodeStatus;
import io.bulwark.journal.NotWriterException;
import io.bulwark.maintenance.MaintenanceWindowResponse;
import io.bulwark.oracle.LastReanchor;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Puts together the status from the node (role, last committed sequence, recovery) and, on the writer,
 * the engine (exchange state, epoch, markets). Answers on every node, even one that cannot query the
 * engine.
 */
@Service
class StatusService {
    private final EngineGateway gateway;

    StatusService(EngineGateway gateway) {
        this.gateway = gateway;
    }

    StatusResponse status() {
        NodeStatus node = gateway.nodeStatus();
        StatusResponse.Recovery recovery = new StatusResponse.Recovery(
                node.recovery().verified(), node.recovery().detail());
        if (node.role() == NodeStatus.Role.WRITER) {
            try {
                EngineStatus engine = gateway.query(view -> new EngineStatus(view.status(), view.maintenanceWindows()));
                return fromEngine(engine.status(), engine.windows(), node, recovery);
            } catch (NotWriterException | EngineUnavailableException e) {
                // The term ended between the two calls: answer with what the node knows.
            }
        }
        return new StatusResponse(
                null,
                null,
                node.lastCommittedSequence(),
                null,
                null,
                node.role(),
                List.of(),
                false,
                null,
                List.of(),
                recovery);
    }

    private record EngineStatus(StatusView status, List<MaintenanceWindow> windows) {}

    private static StatusResponse fromEngine(
            StatusView engine, List<MaintenanceWindow> windows, NodeStatus node, StatusResponse.Recovery recovery) {
        List<StatusResponse.MarketStatus> markets = engine.markets().stream()
                .map(m -> new StatusResponse.MarketStatus(
                        m.spec().market(),
                        m.effectiveState(),
                        m.priceHealthy(),
                        m.oracle().health(),
                        m.oracle().sourcePrices(),
                        LastReanchor.of(m.oracle().lastReanchor()),
                        !m.funding().haltReason().isEmpty(),
                        m.funding().haltReason().isEmpty() ? null : m.funding().haltReason(),
                        engine.liquidationsPausedMarkets().containsKey(m.spec().market()),
                        engine.liquidationsPausedMarkets().get(m.spec().market())))
                .toList();
        return new StatusResponse(
                engine.state(),
                engine.epoch(),
                node.lastCommittedSequence(),
                engine.since() == 0 ? null : Instant.ofEpochMilli(engine.since()),
                engine.reason(),
                node.role(),
                markets,
                engine.liquidationsPaused(),
                engine.liquidationsPaused() ? engine.liquidationsPausedReason() : null,
                MaintenanceWindowResponse.announced(windows),
                recovery);
    }
}
