package io.bulwark.position;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.risk.PositionView;
import io.bulwark.order.TradingApiTestBase;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The caller's positions over HTTP, and the positions read model against the engine. */
class PositionApiTests extends TradingApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    /** One row of the {@code positions} read model. */
    record PositionRow(String market, BigDecimal size, BigDecimal entryPrice, BigDecimal realizedPnl) {}

    private List<PositionRow> positionRows(String accountId) {
        awaitReadModels();
        return jdbc.query(
                "SELECT market, size, entry_price, realized_pnl FROM positions WHERE account_id = ? ORDER BY market",
                (rs, i) -> new PositionRow(
                        rs.getString("market"),
                        rs.getBigDecimal("size"),
                        rs.getBigDecimal("entry_price"),
                        rs.getBigDecimal("realized_pnl")),
                accountId);
    }

    @Test
    void positionsAreSignedValuedAtTheMarkAndOnlyTheCallersOwn() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        Trader carol = newFundedTrader("100000");
        assertThat(api.get("/api/v1/positions", alice.apiKey())
                        .assertStatus(200)
                        .json()
                        .isEmpty())
                .isTrue();

        markAt(market, "65000");
        trade(alice, bob, market, "1", "65000"); // alice short 1, bob long 1
        trade(carol, alice, market, "0.4", "66000"); // alice buys 0.4 back: realizes (65000 - 66000) x 0.4
        markAt(market, "66000");

        JsonNode short_ =
                api.get("/api/v1/positions", alice.apiKey()).assertStatus(200).json();
        assertThat(short_.size()).isEqualTo(1);
        JsonNode p = short_.get(0);
        assertThat(p.path("market").asString()).isEqualTo(market);
        assertThat(p.path("size").asString()).isEqualTo("-0.6");
        assertThat(p.path("entryPrice").asString()).isEqualTo("65000");
        assertThat(p.path("markPrice").asString()).isEqualTo("66000");
        assertThat(p.path("unrealizedPnl").asString()).isEqualTo("-600");
        assertThat(p.path("realizedPnl").asString()).isEqualTo("-400");
        assertThat(p.path("liquidationPrice").asString()).matches("[0-9]+(\\.[0-9]+)?");
        JsonNode long_ = api.get("/api/v1/positions", bob.apiKey()).json().get(0);
        assertThat(long_.path("size").asString()).isEqualTo("1");
        assertThat(long_.path("unrealizedPnl").asString()).isEqualTo("1000");
        api.get("/api/v1/positions", null).assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/positions", ADMIN_KEY).assertProblem(403, "FORBIDDEN");
    }

    @Test
    void theReadModelAgreesWithTheEngineAfterAFlow() {
        String market = newMarket();
        String other = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        markAt(other, "3000");
        trade(alice, bob, market, "1", "65000");
        trade(bob, alice, market, "1.5", "65100"); // alice flips to long 0.5
        trade(alice, bob, other, "2", "3000");
        trade(bob, alice, other, "2", "3010"); // flat in `other`
        awaitReadModels();

        for (Trader trader : List.of(alice, bob)) {
            List<PositionView> engine = gateway.query(view -> view.positions(trader.accountId()));
            List<PositionRow> rows = positionRows(trader.accountId());
            assertThat(rows).extracting(PositionRow::market).containsExactlyInAnyOrder(market, other);
            for (PositionRow row : rows) {
                PositionView live = engine.stream()
                        .filter(v -> v.market().equals(row.market()))
                        .findFirst()
                        .orElse(null);
                if (live == null) {
                    assertThat(row.size()).as("flat in %s", row.market()).isZero();
                    continue;
                }
                assertThat(row.size()).isEqualByComparingTo(live.size());
                assertThat(row.entryPrice()).isEqualByComparingTo(live.entryPrice());
                assertThat(row.realizedPnl()).isEqualByComparingTo(live.realizedPnl());
            }
        }
        PositionRow flat = positionRows(alice.accountId()).stream()
                .filter(r -> r.market().equals(other))
                .findFirst()
                .orElseThrow();
        assertThat(flat.realizedPnl()).isEqualByComparingTo("-20"); // short 2 at 3000, bought back at 3010
        assertThat(api.get("/api/v1/positions", alice.apiKey()).json().size()).isEqualTo(1);
    }
}
