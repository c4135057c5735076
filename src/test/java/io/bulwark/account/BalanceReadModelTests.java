package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.command.Deposit;
import io.bulwark.journal.EngineGateway;
import io.bulwark.web.HttpApiTestBase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deposits submitted concurrently share group commits, in which the balance read model keeps only
 * the latest row per account: it must still equal the engine's ledger exactly.
 */
class BalanceReadModelTests extends HttpApiTestBase {
    @Autowired
    EngineGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void balancesWrittenOncePerGroupCommitEqualTheLedger() throws Exception {
        List<String> accounts = List.of(
                newTrader().accountId(), newTrader().accountId(), newTrader().accountId());
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 32; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 25; i++) {
                    String account = accounts.get((client + i) % accounts.size());
                    gateway.submit(new Deposit(account, new BigDecimal("1.000001"), "rm-" + client + "-" + i), "test");
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }

        Map<String, BigDecimal> ledger = gateway.query(EngineView::ledgerBalances);
        awaitReadModels();
        for (String account : List.of(accounts.get(0), accounts.get(1), accounts.get(2), "EXTERNAL")) {
            BigDecimal stored =
                    jdbc.queryForObject("SELECT balance FROM balances WHERE account = ?", BigDecimal.class, account);
            assertThat(stored).as(account).isEqualByComparingTo(ledger.get(account));
        }
        BigDecimal credited = accounts.stream().map(ledger::get).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(credited).isEqualByComparingTo("800.0008");
    }
}
