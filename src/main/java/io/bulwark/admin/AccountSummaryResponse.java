package io.bulwark.admin;

import java.time.Instant;

/** One account in {@code GET /api/v1/admin/accounts}: who it is and when it was opened. */
record AccountSummaryResponse(String accountId, String name, long createdSequence, Instant createdAt) {}
