package io.bulwark.admin;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One operator act of {@code GET /api/v1/admin/audit}: its journal {@code sequence} and engine {@code time}, who
 * ({@code actor}: the ADMIN key's id or a {@code system:} name; {@code actorKind} ADMIN or SYSTEM), what ({@code
 * commandType} and the {@code command} as journaled, key hashes left out), and what came of it: {@code events}
 * by type and count, {@code reverted} when a later rollback undid it.
 */
record AuditEntryResponse(
        long sequence,
        Instant time,
        String actor,
        String actorKind,
        String commandType,
        JsonNode command,
        Map<String, Integer> events,
        boolean reverted) {}
