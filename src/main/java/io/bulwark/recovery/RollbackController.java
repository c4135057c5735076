package io.bulwark.recovery;

import io.bulwark.journal.EngineSupervisor;
import io.bulwark.journal.RollbackRefusedException;
import io.bulwark.web.ApiException;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: roll the exchange back to a snapshot (SPEC section 9), only while it is CLOSED. The commands
 * after the snapshot stay in the journal, marked reverted; the answer says per account what was undone.
 */
@RestController
class RollbackController {
    private final EngineSupervisor supervisor;

    RollbackController(EngineSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @PostMapping("/api/v1/admin/rollback")
    RollbackResponse rollBack(@AuthenticationPrincipal Caller caller, @Valid @RequestBody RollbackRequest request) {
        try {
            return RollbackResponse.of(supervisor.rollback(request.snapshotId(), request.reason(), caller.actor()));
        } catch (RollbackRefusedException e) {
            throw switch (e.reason()) {
                case SNAPSHOT_NOT_FOUND -> ApiException.notFound("SNAPSHOT_NOT_FOUND", e.getMessage());
                case EXCHANGE_NOT_CLOSED, SNAPSHOT_CORRUPT, ROLLBACK_IN_PROGRESS ->
                    new ApiException(HttpStatus.CONFLICT, e.reason().name(), e.getMessage());
            };
        }
    }
}
