package io.bulwark.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin: the audit trail of every admin, oracle-administration and system act, from the journal (SPEC 12 v2). */
@RestController
@RequestMapping("/api/v1/admin/audit")
class AuditController {
    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping
    List<AuditEntryResponse> audit(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String before,
            @RequestParam(defaultValue = "" + AuditTrail.DEFAULT_LIMIT) @Min(1) @Max(AuditTrail.MAX_LIMIT) int limit) {
        return trail.page(from, to, actor, before, limit);
    }
}
