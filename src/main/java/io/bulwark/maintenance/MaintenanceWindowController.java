package io.bulwark.maintenance;

import io.bulwark.engine.command.CancelMaintenance;
import io.bulwark.engine.command.ScheduleMaintenance;
import io.bulwark.engine.event.MaintenanceCancelled;
import io.bulwark.engine.event.MaintenanceScheduled;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.maintenance.WindowStatus;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Optional;
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
        MaintenanceScheduled s = EngineClient.event(applied, MaintenanceScheduled.class);
        // The window as the command left it: a window starts only at the Tick after the command that made it.
        return MaintenanceWindowResponse.of(new MaintenanceWindow(
                s.windowId(), s.start(), s.end(), s.reason(), s.actor(), applied.timestamp(), WindowStatus.SCHEDULED));
    }

    @GetMapping
    List<MaintenanceWindowResponse> list() {
        return engine.query(view -> view.maintenanceWindows().stream()
                .map(MaintenanceWindowResponse::of)
                .toList());
    }

    /**
     * The answer is the cancelled window as the command's event describes it; who made it and when, which
     * never change and which the event does not repeat, come from the window as published before the command.
     */
    @DeleteMapping("/{windowId}")
    MaintenanceWindowResponse cancel(@AuthenticationPrincipal Caller caller, @PathVariable String windowId) {
        Optional<MaintenanceWindow> before = published(windowId);
        var applied = engine.apply(new CancelMaintenance(windowId, caller.actor()), caller.actor());
        MaintenanceCancelled c = EngineClient.event(applied, MaintenanceCancelled.class);
        // Absent only if the window was scheduled while this request was on its way (its id guessed).
        MaintenanceWindow made = before.or(() -> published(windowId)).orElseThrow();
        return MaintenanceWindowResponse.of(new MaintenanceWindow(
                c.windowId(),
                c.start(),
                c.end(),
                c.reason(),
                made.createdBy(),
                made.createdAt(),
                WindowStatus.CANCELLED));
    }

    /** The window as of the last commit, from the view published then (never queued behind orders). */
    private Optional<MaintenanceWindow> published(String windowId) {
        return engine.publicView().maintenanceWindows().stream()
                .filter(w -> w.windowId().equals(windowId))
                .findFirst();
    }
}
