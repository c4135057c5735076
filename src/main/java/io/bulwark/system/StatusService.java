package io.bulwark.system;

import io.bulwark.engine.EngineView.StatusView;
import io.bulwark.engine.PublicView;
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
 * the view the engine published after its last commit (exchange state, epoch, markets, maintenance
 * windows): never queued behind orders. Answers on every node, even one without a view.
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
                PublicView view = gateway.publicView();
                return fromEngine(view.status(), view.maintenanceWindows(), node, recovery);
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
