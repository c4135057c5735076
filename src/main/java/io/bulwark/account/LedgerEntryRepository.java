package io.bulwark.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Ledger history, read from the read model. */
interface LedgerEntryRepository extends Repository<LedgerEntry, LedgerEntry.Key> {

    /** The account's entries strictly before position (sequence, entryIndex), newest first. */
    @Query("""
            select e from LedgerEntry e
            where (e.fromAccount = :account or e.toAccount = :account)
              and (e.sequence < :sequence or (e.sequence = :sequence and e.entryIndex < :entryIndex))
            order by e.sequence desc, e.entryIndex desc
            """)
    List<LedgerEntry> findBefore(
            @Param("account") String account,
            @Param("sequence") long sequence,
            @Param("entryIndex") int entryIndex,
            Limit limit);

    Optional<LedgerEntry> findFirstByKindAndReference(String kind, String reference);

    Optional<LedgerEntry> findFirstByKindAndReferenceAndFromAccount(String kind, String reference, String fromAccount);
}
