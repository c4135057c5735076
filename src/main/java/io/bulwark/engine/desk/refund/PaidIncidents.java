package io.bulwark.engine.desk.refund;

import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The incidents whose refunds were paid, with the sequence that paid them, and (v2) every loss a paid
 * incident refunded, with that incident: exchange state, in every snapshot.
 */
public final class PaidIncidents {
    private final TreeMap<String, Long> paidAt = new TreeMap<>();
    /** Item identity ({@link #itemKey}) to the incident that refunded it. */
    private final TreeMap<String, String> refundedBy = new TreeMap<>();

    public Optional<Long> paidAt(String incidentId) {
        return Optional.ofNullable(paidAt.get(incidentId));
    }

    /** The incident that refunded the item with this {@link #itemKey}, if one did. */
    public Optional<String> refundedBy(String itemKey) {
        return Optional.ofNullable(refundedBy.get(itemKey));
    }

    /**
     * A loss's stable identity: its kind, the sequence of the journal row that recorded it, the account and
     * the market (an account is liquidated, or pays funding, at most once per market in one command).
     */
    public static String itemKey(PayRefunds.Kind kind, long sequence, String accountId, String market) {
        return kind.name() + '/' + sequence + '/' + accountId + '/' + market;
    }

    void record(String incidentId, long sequence) {
        paidAt.put(incidentId, sequence);
    }

    void recordItem(String itemKey, String incidentId) {
        refundedBy.put(itemKey, incidentId);
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(paidAt.size());
        paidAt.forEach((id, sequence) -> out.writeString(id).writeLong(sequence));
        out.writeInt(refundedBy.size());
        refundedBy.forEach((item, incident) -> out.writeString(item).writeString(incident));
    }

    public static PaidIncidents readFrom(CanonicalReader in) {
        PaidIncidents paid = new PaidIncidents();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            paid.paidAt.put(in.readString(), in.readLong());
        }
        if (in.formatVersion() >= 3) {
            for (int i = 0, n = in.readInt(); i < n; i++) {
                paid.refundedBy.put(in.readString(), in.readString());
            }
        }
        return paid;
    }
}
