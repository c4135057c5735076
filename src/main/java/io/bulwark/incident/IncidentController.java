package io.bulwark.incident;

import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin: audit a journal range against reference prices, read the report (JSON or CSV), pay its refunds. */
@RestController
@RequestMapping("/api/v1/admin/incidents")
class IncidentController {
    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private final IncidentService incidents;

    IncidentController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentResponse audit(@AuthenticationPrincipal Caller caller, @Valid @RequestBody IncidentRequest request) {
        return incidents.audit(request, caller);
    }

    @GetMapping("/{incidentId}")
    IncidentResponse get(@PathVariable String incidentId) {
        return incidents.get(incidentId);
    }

    @GetMapping("/{incidentId}/report.csv")
    ResponseEntity<String> csv(@PathVariable String incidentId) {
        IncidentResponse report = incidents.get(incidentId);
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"incident-" + report.incidentId() + ".csv\"")
                .body(IncidentCsv.of(report));
    }

    /** Exactly once: every call answers 200 with the one payment; {@code alreadyPaid} says whether this call made it. */
    @PostMapping("/{incidentId}/refunds")
    RefundPaymentResponse pay(@AuthenticationPrincipal Caller caller, @PathVariable String incidentId) {
        return incidents.pay(incidentId, caller);
    }
}
