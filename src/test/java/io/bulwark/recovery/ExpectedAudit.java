package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.recovery.DrillExchange.Trader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import tools.jackson.databind.JsonNode;

/**
 * What the incident audit must say about one liquidation, worked out in the test from what the trader was
 * shown (the deposit, the entry fill) and the prices the drill posted, never read back from the audit: the
 * market's numbers are those of {@link DrillExchange#createMarket} (MMF 1 %, liquidation fee 1 %, tick 0.1).
 *
 * <p>The documented rule (openapi.yaml, POST /admin/incidents): with M the recorded mark and R the reference
 * price, the liquidation is {@code BOGUS} when {@code equity + size × (R − M) ≥ requirement + |size| × (R − M)
 * × MMF}, and its refund is {@code fee + max(0, size × (R − price)) − badDebt}, the price loss rounded up to a
 * micro-dollar.
 */
record ExpectedAudit(
        Trader trader, BigDecimal balance, BigDecimal size, BigDecimal entry, BigDecimal mark, BigDecimal reference) {
    private static final BigDecimal MMF = new BigDecimal("0.01");
    private static final BigDecimal LIQUIDATION_FEE = new BigDecimal("0.01");

    /** {@code deposit} less the fee of the trader's one entry fill; {@code mark} is the index the drill set. */
    static ExpectedAudit of(Trader trader, String deposit, JsonNode entryFill, String mark, String reference) {
        BigDecimal fee = new BigDecimal(entryFill.path("fee").asString());
        return new ExpectedAudit(
                trader,
                new BigDecimal(deposit).subtract(fee),
                new BigDecimal(entryFill.path("size").asString()),
                new BigDecimal(entryFill.path("price").asString()),
                new BigDecimal(mark),
                new BigDecimal(reference));
    }

    /** The vault takes the position at the mark rounded to the tick (the drill's marks are on the tick). */
    BigDecimal price() {
        return mark;
    }

    BigDecimal equityAt(BigDecimal price) {
        return balance.add(size.multiply(price.subtract(entry)));
    }

    BigDecimal requirementAt(BigDecimal price) {
        return size.abs().multiply(price).multiply(MMF);
    }

    /** Liquidation fee × notional, capped by the equity left after the takeover. */
    BigDecimal fee() {
        return LIQUIDATION_FEE
                .multiply(size.abs())
                .multiply(price())
                .min(equityAt(price()).max(BigDecimal.ZERO));
    }

    boolean bogus() {
        return equityAt(reference).compareTo(requirementAt(reference)) >= 0;
    }

    BigDecimal priceLoss() {
        return size.multiply(reference.subtract(price())).max(BigDecimal.ZERO).setScale(6, RoundingMode.CEILING);
    }

    BigDecimal refund() {
        return bogus() ? fee().add(priceLoss()).setScale(6, RoundingMode.UNNECESSARY) : BigDecimal.ZERO;
    }

    /** The trader's liquidation record (GET /liquidations) is the one this computation assumes. */
    void assertRecord(JsonNode liquidation) {
        assertThat(liquidation.path("accountId").asString()).isEqualTo(trader.accountId());
        assertDecimal(liquidation, "size", size);
        assertDecimal(liquidation, "markPrice", mark);
        assertDecimal(liquidation, "indexPrice", mark);
        assertDecimal(liquidation, "price", price());
        assertDecimal(liquidation, "equityBefore", equityAt(mark));
        assertDecimal(liquidation, "maintenanceRequirementBefore", requirementAt(mark));
        assertThat(equityAt(mark)).as("%s was below maintenance", trader.name()).isLessThan(requirementAt(mark));
        assertDecimal(liquidation, "fee", fee());
        assertDecimal(liquidation, "badDebt", BigDecimal.ZERO);
        assertThat(liquidation.path("priceHealthy").asBoolean()).isTrue();
        assertThat(liquidation.path("deleveraged").asBoolean()).isFalse();
    }

    /** The audit's item for this liquidation: its evidence, verdict and refund to the micro-dollar. */
    void assertAudited(JsonNode item, JsonNode liquidation) {
        assertThat(item.path("accountId").asString()).isEqualTo(trader.accountId());
        assertThat(item.path("sequence").asLong())
                .isEqualTo(liquidation.path("sequence").asLong());
        assertThat(item.path("referenceSource").asString()).isEqualTo("OPERATOR");
        assertDecimal(item, "size", size);
        assertDecimal(item, "price", price());
        assertDecimal(item, "markPrice", mark);
        assertDecimal(item, "indexPrice", mark);
        assertDecimal(item, "referencePrice", reference);
        assertDecimal(item, "equityAtMark", equityAt(mark));
        assertDecimal(item, "requirementAtMark", requirementAt(mark));
        assertDecimal(item, "equityAtReference", equityAt(reference));
        assertDecimal(item, "requirementAtReference", requirementAt(reference));
        assertDecimal(item, "fee", fee());
        assertDecimal(item, "badDebt", BigDecimal.ZERO);
        assertThat(item.path("verdict").asString())
                .as("verdict on %s", trader.name())
                .isEqualTo(bogus() ? "BOGUS" : "LEGITIMATE");
        if (bogus()) {
            assertDecimal(item, "priceLoss", priceLoss());
        }
        assertMicros(item, "refund", refund());
    }

    static void assertDecimal(JsonNode node, String field, BigDecimal expected) {
        assertThat(node.path(field).isString())
                .as("%s is a decimal string in %s", field, node)
                .isTrue();
        assertThat(new BigDecimal(node.path(field).asString()))
                .as("%s in %s", field, node)
                .isEqualByComparingTo(expected);
    }

    /** Equal to the micro-dollar: the same value once both are written with 6 decimals, no rounding needed. */
    static void assertMicros(JsonNode node, String field, BigDecimal expected) {
        BigDecimal actual = new BigDecimal(node.path(field).asString());
        assertThat(actual.setScale(6, RoundingMode.UNNECESSARY))
                .as("%s in %s", field, node)
                .isEqualTo(expected.setScale(6, RoundingMode.UNNECESSARY));
    }
}
