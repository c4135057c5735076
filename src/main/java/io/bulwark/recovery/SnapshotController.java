package io.bulwark.recovery;

import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: take a snapshot of the whole engine state now (journaled like any command, its SHA-256
 * recorded), list the stored ones, newest first (not those a rollback reverted), and delete one.
 */
@RestController
@RequestMapping("/api/v1/admin/snapshots")
class SnapshotController {
    private static final int MAX_LIMIT = 500;
    private static final RowMapper<SnapshotResponse> SNAPSHOT = (rs, i) -> new SnapshotResponse(
            rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5));
    private final EngineClient engine;
    private final JdbcTemplate jdbc;
    private final SnapshotDeletion deletion;

    SnapshotController(EngineClient engine, JdbcTemplate jdbc, SnapshotDeletion deletion) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.deletion = deletion;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SnapshotResponse take(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody(required = false) SnapshotRequest request) {
        String reason =
                request == null || request.reason() == null || request.reason().isBlank()
                        ? "on demand"
                        : request.reason();
        var applied = engine.apply(new TakeSnapshot(reason), caller.actor());
        SnapshotTaken taken = EngineClient.event(applied, SnapshotTaken.class);
        return jdbc.queryForObject(
                "SELECT snapshot_id, sequence, state_hash, created_at, reason FROM snapshots WHERE sequence = ?",
                SNAPSHOT,
                applied.sequence());
    }

    @GetMapping
    List<SnapshotResponse> list(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return jdbc.query(
                "SELECT snapshot_id, sequence, state_hash, created_at, reason FROM snapshots WHERE NOT reverted"
                        + " ORDER BY sequence DESC LIMIT ?",
                SNAPSHOT,
                limit);
    }

    /** 404 unknown (or reverted), 409 the one recovery starts from; otherwise 204. */
    @DeleteMapping("/{snapshotId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable String snapshotId) {
        deletion.delete(snapshotId, caller.actor());
    }
}
