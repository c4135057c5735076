package io.bulwark.journal;

/**
 * This instance's part in the cluster. {@code leaseEpoch} is the writer-lease fencing epoch;
 * {@code lastCommittedSequence} the newest durable sequence; {@code recovery} how the engine state was
 * last recovered.
 */
public record NodeStatus(Role role, long leaseEpoch, long lastCommittedSequence, Recovery recovery) {

    public enum Role {
        /** Waiting for the writer lease. */
        STANDBY,
        /** Holds the lease and is rebuilding state from the journal. */
        RECOVERING,
        WRITER
    }

    /** {@code verified} is false when replay disagreed with what was recorded live; detail says where. */
    public record Recovery(boolean verified, long snapshotSequence, long replayedCommands, long millis, String detail) {
        public static final Recovery NONE = new Recovery(true, 0, 0, 0, "not recovered yet");
    }
}
