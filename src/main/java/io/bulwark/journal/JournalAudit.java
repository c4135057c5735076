package io.bulwark.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Replays the journal on the side, without touching the running engine: the state as of a sequence,
 * rebuilt from the newest good snapshot at or before it, must have the live engine's state hash.
 */
public class JournalAudit {
    private final JournalConnections connections;
    private final JournalCodec codec = new JournalCodec();

    public JournalAudit(JournalConnections connections) {
        this.connections = connections;
    }

    /**
     * What the replay found: {@code stateHash} of the rebuilt state, whether every row verified, and the altered
     * rows that journaled rollbacks had reverted.
     */
    public record Replay(
            long sequence, String stateHash, boolean verified, String detail, List<TamperEvidence> evidence) {}

    public Replay replayThrough(long sequence) {
        try (Connection c = connections.open("audit")) {
            RecoveredState state = new Recovery(codec).recover(c, sequence);
            return new Replay(
                    sequence,
                    state.engine().stateHash(),
                    state.recovery().verified(),
                    state.recovery().detail(),
                    state.evidence());
        } catch (SQLException e) {
            return new Replay(sequence, "", false, "journal unreadable: " + e.getMessage(), List.of());
        }
    }
}
