package io.bulwark.incident;

import io.bulwark.web.security.Caller;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Trader: the refunds paid to the caller's account after incidents, newest first. */
@RestController
class RefundController {
    private final IncidentService incidents;

    RefundController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GetMapping("/api/v1/refunds")
    List<RefundResponse> refunds(@AuthenticationPrincipal Caller caller) {
        return incidents.refundsOf(caller.accountId());
    }
}
