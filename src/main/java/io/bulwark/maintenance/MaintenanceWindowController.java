package io.bulwark.maintenance;

import io.bulwark.engine.command.CancelMaintenance;
import io.bulwark.engine.command.ScheduleMaintenance;
import io.bulwark.engine.event.MaintenanceCancelled;
import io.bulwark.engine.event.MaintenanceScheduled;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: announce, list and cancel maintenance windows (SPEC section 8). Windows are exchange state
 * in the engine: at a window's start the engine itself puts the exchange CLOSED.
 */
@RestController
@RequestMapping("/api/v1/admin/maintenance-windows")
class MaintenanceWindowController {
    private final EngineClient engine;

    MaintenanceWindowController(EngineClient engine) {
        this.engine = engine;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    MaintenanceWindowResponse schedule(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody MaintenanceWindowRequest request) {
        var applied = engine.apply(
                new ScheduleMaintenance(
                        request.start().toEpochMilli(), request.end().toEpochMilli(), request.reason(), caller.actor()),
                caller.actor());
        return window(EngineClient.event(applied, MaintenanceScheduled.class).windowId());
    }

    @GetMapping
    List<MaintenanceWindowResponse> list() {
        return engine.query(view -> view.maintenanceWindows().stream()
                .map(MaintenanceWindowResponse::of)
                .toList());
    }

    @DeleteMapping("/{windowId}")
    MaintenanceWindowResponse cancel(@AuthenticationPrincipal Caller caller, @PathVariable String windowId) {
        var applied = engine.apply(new CancelMaintenance(windowId, caller.actor()), caller.actor());
        return window(EngineClient.event(applied, MaintenanceCancelled.class).windowId());
    }

    private MaintenanceWindowResponse window(String windowId) {
        return engine.query(view -> view.maintenanceWindows().stream()
                .filter(w -> w.windowId().equals(windowId))
                .map(MaintenanceWindowResponse::of)
                .findFirst()
                .orElseThrow());
    }
}
