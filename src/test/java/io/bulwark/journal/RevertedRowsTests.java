package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reverted journal rows a journaled rollback backs (SPEC section 9, v2: rollback repairs tampering). */
class RevertedRowsTests {
    private final RevertedRows rows = new RevertedRows();
    private final List<String> problems = new ArrayList<>();

    private List<String> finish() {
        rows.finish(problems::add);
        return problems;
    }

    @Test
    void anAlteredRowARollbackRevertedIsEvidenceNotAProblem() {
        rows.standing(10);
        rows.reverted(11);
        rows.altered(12, "journal row 12 does not match its hash chain", "stored", "recomputed");
        rows.reverted(12);
        rows.reverted(13);
        rows.rolledBack(14, 10, problems::add);
        rows.standing(14);

        assertThat(finish()).isEmpty();
        assertThat(rows.evidence()).singleElement().satisfies(e -> {
            assertThat(e.sequence()).isEqualTo(12);
            assertThat(e.revertedBy()).isEqualTo(14);
            assertThat(e.storedHash()).isEqualTo("stored");
            assertThat(e.recomputedHash()).isEqualTo("recomputed");
        });
    }

    @Test
    void rowsMarkedRevertedWithoutARollbackAfterThemAreProblems() {
        rows.reverted(11);
        rows.altered(12, "journal row 12 does not match its hash chain", "s", "r");
        rows.reverted(12);
        rows.standing(13);
        rows.reverted(15);

        assertThat(finish())
                .containsExactly(
                        "journal row 12 does not match its hash chain",
                        "journal rows 11..12 marked reverted, but no journaled rollback reverted them",
                        "journal row 15 marked reverted, but no journaled rollback reverted them");
        assertThat(rows.evidence()).isEmpty();
    }

    @Test
    void aRollbackBacksOnlyTheRowsAfterItsSnapshot() {
        rows.reverted(5); // before the snapshot at 6: not this rollback's doing
        rows.standing(6);
        rows.reverted(7);
        rows.rolledBack(8, 6, problems::add);

        assertThat(finish()).containsExactly("journal row 5 marked reverted, but no journaled rollback reverted them");
    }

    @Test
    void aRowLeftStandingInsideARollbacksRangeIsAProblem() {
        rows.standing(6);
        rows.reverted(7);
        rows.standing(8); // un-reverted by hand
        rows.reverted(9);
        rows.rolledBack(10, 6, problems::add);

        assertThat(finish())
                .containsExactly(
                        "journal row 8 is not marked reverted although the rollback at 10 reverted every row after 6");
    }

    @Test
    void aLaterRollbackBacksAnEarlierOneAndWhatItReverted() {
        rows.standing(4);
        rows.reverted(5);
        rows.altered(6, "row 6 altered", "s", "r");
        rows.reverted(6);
        rows.rolledBack(7, 5, problems::add); // reverted itself by the second rollback
        rows.reverted(7);
        rows.reverted(8);
        rows.rolledBack(9, 4, problems::add);
        rows.standing(9);

        assertThat(finish()).isEmpty();
        assertThat(rows.evidence())
                .singleElement()
                .satisfies(e -> assertThat(e.revertedBy()).isEqualTo(7));
    }
}
