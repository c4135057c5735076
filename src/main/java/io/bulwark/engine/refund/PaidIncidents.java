package io.bulwark.engine.refund;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.util.Optional;
import java.util.TreeMap;

/** The incidents whose refunds were paid, with the sequence that paid them: exchange state, in every snapshot. */
public final class PaidIncidents {
    private final TreeMap<String, Long> paidAt = new TreeMap<>();

    public Optional<Long> paidAt(String incidentId) {
        return Optional.ofNullable(paidAt.get(incidentId));
    }

    void record(String incidentId, long sequence) {
        paidAt.put(incidentId, sequence);
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(paidAt.size());
        paidAt.forEach((id, sequence) -> out.writeString(id).writeLong(sequence));
    }

    public static PaidIncidents readFrom(CanonicalReader in) {
        PaidIncidents paid = new PaidIncidents();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            paid.paidAt.put(in.readString(), in.readLong());
        }
        return paid;
    }
}
