package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.journal.Projection;
import io.bulwark.web.HttpApiTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rollback rebuilds the read models by emptying the tables each projection names and projecting the
 * journal again: a projection that names no table would keep the rows of reverted commands.
 */
class ProjectionTablesTests extends HttpApiTestBase {
    @Autowired
    List<Projection> projections;

    @Test
    void everyReadModelProjectionNamesItsTables() {
        assertThat(projections).isNotEmpty();
        assertThat(projections)
                .allSatisfy(p -> assertThat(p.tables())
                        .as(p.getClass().getSimpleName() + " tables")
                        .isNotEmpty());
    }
}
