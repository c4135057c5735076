package io.bulwark.journal;

/**
 * A journal row that was altered after it was written but that a journaled rollback had reverted (SPEC section
 * 9, v2: rollback repairs tampering): kept as it was found, reported, and no longer failing the checks, since a
 * reverted row is never replayed, projected or audited. {@code storedHash} is the row's stored hash and {@code
 * recomputedHash} the hash of its content chained to the row before it (null when the row is unreadable).
 */
public record TamperEvidence(long sequence, long revertedBy, String storedHash, String recomputedHash, String detail) {}
