package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.recovery.DrillExchange.Trader;
import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.ConsoleBrowser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The January drill's operator half through the operator console's buttons, in a real headless browser
 * ({@link ConsoleBrowser}). The bad data arrives through the API as in {@link JanuaryDrillTests} (a compromised
 * upstream that both feeds repeat walks the index down and liquidates three longs); then the operator, in the
 * console, closes the exchange (orders cancelled, stop and take-profit orders kept), audits the incident against
 * a reference price, pays the refunds, rolls back to the pre-incident snapshot, quarantines the feed, narrows the
 * post-only band, reopens through POST_ONLY and then OPEN. After each act the exchange is checked through the
 * API. Server text that looks like markup (a reason of {@code <img src=x onerror=alert(1)>}) must show as text.
 */
class ConsoleDrillTests {
    private static final String ADMIN = "bwk_console_drill_admin_key_0000000000000000000000";
    private static final String MARKET = DrillExchange.MARKET;
    private static final String ROW = "[data-market='" + MARKET + "'] ";
    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    private static final long MIN_POST_ONLY_SECONDS = 2;

    private final AppInstances instances = new AppInstances(ADMIN);
    private ConfigurableApplicationContext app;
    private ConsoleBrowser browser;
    private DrillExchange x;
    private Trader alice;
    private Trader whaleLong;
    private Trader frank;
    private Trader dave;
    private Trader erin;
    private String stopId;
    private String takeProfitId;
    private String restingBid;
    private String snapshotId;
    private BigDecimal vaultAtSnapshot;
    private long incidentFrom;
    private long incidentStart;

    @AfterEach
    void stopAll() {
        if (browser != null) {
            browser.lastSeen();
            browser.close();
        }
        instances.close();
    }

    @Test
    void theOperatorRunsTheJanuaryDrillFromTheConsole() {
        app = instances.start("console", "--bulwark.maintenance.min-post-only-seconds=" + MIN_POST_ONLY_SECONDS);
        AppInstances.awaitWriter(app);
        x = new DrillExchange(ADMIN, AppInstances.port(app));
        setUpBeforeTheIncident();
        badPricesLiquidate();

        browser = ConsoleBrowser.open(AppInstances.port(app));
        signIn();
        close();
        lookAround();
        String incidentId = audit();
        payRefunds(incidentId);
        rollBack();
        quarantineTheFeed();
        reopenThroughPostOnlyWithBands();
        forgetTheKey();
    }

    /** As in the January drill: longs of 1 at 65000 with little margin, a stop and a take-profit, a snapshot. */
    private void setUpBeforeTheIncident() {
        x.createMarket();
        x.prices("feed-a", "65000", "feed-b", "65000", "feed-a", "65000");
        x.deposit("LIQUIDATOR_VAULT", "10000", "insurance-fund");
        whaleLong = x.trader("whale-long", "1000000");
        Trader whaleShort = x.trader("whale-short", "1000000");
        x.trade(whaleShort, whaleLong, "200", "65000");
        alice = x.trader("alice", "100000");
        frank = x.trader("frank", "1400");
        dave = x.trader("dave", "1700");
        erin = x.trader("erin", "2300");
        for (Trader longOne : List.of(frank, dave, erin)) {
            x.trade(alice, longOne, "1", "65000");
        }
        stopId = trigger("STOP_MARKET", "55000");
        takeProfitId = trigger("TAKE_PROFIT_MARKET", "75000");
        JsonNode snapshot = x.api()
                .post("/api/v1/admin/snapshots", ADMIN, "{\"reason\":\"pre-incident\"}")
                .assertStatus(201)
                .json();
        snapshotId = snapshot.path("snapshotId").asString();
        vaultAtSnapshot = x.vault();
        incidentFrom = x.sequence() + 1;
        incidentStart = System.currentTimeMillis();
    }

    private String trigger(String type, String triggerPrice) {
        return x.placed(whaleLong, """
                        {"side":"SELL","type":"%s","size":"1","triggerPrice":"%s","reduceOnly":true}""".formatted(type, triggerPrice))
                .path("orderId")
                .asString();
    }

    /** Both feeds walk to 63300: frank (a real move), dave and erin (bogus) are liquidated; a bid rests. */
    private void badPricesLiquidate() {
        for (String price : List.of("64200", "63900", "63600", "63300")) {
            x.prices("feed-a", price, "feed-b", price);
        }
        for (Trader t : List.of(frank, dave, erin)) {
            assertThat(x.liquidations(t)).as("%s liquidated", t.name()).hasSize(1);
        }
        restingBid = x.placed(alice, "{\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"0.5\",\"price\":\"62500\"}")
                .path("orderId")
                .asString();
        // Server text that looks like markup, for the console to show as text.
        x.api()
                .post("/api/v1/admin/maintenance-windows", ADMIN, """
                        {"start":"%s","end":"%s","reason":"%s"}""".formatted(
                                Instant.now().plus(Duration.ofDays(2)),
                                Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(1)),
                                MARKUP))
                .assertStatus(201);
    }

    /** A wrong key is refused; the admin key is kept in session storage only, never in a cookie or the URL. */
    private void signIn() {
        browser.type("#admin-key", "bwk_not_an_admin_key_at_all_000000000000000000");
        browser.click("#sign-in-button");
        assertThat(browser.awaitText("#sign-in-error")).isEqualTo("That is not an admin key.");
        browser.screenshot("sign-in");
        browser.signIn(ADMIN);
        assertThat(browser.script("return sessionStorage.getItem('bulwark.console.adminKey')"))
                .isEqualTo(ADMIN);
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(ADMIN);
        assertThat(browser.text("#exchange-state")).isEqualTo("OPEN");
    }

    /** Close: every order cancelled (MAINTENANCE) but the stop and the take-profit; the reason shows as text. */
    private void close() {
        browser.confirm(
                "[data-action='exchange-CLOSED']",
                "Close the exchange (now OPEN): every market stops trading; every live order is cancelled"
                        + " (reason MAINTENANCE) except untriggered stop and take-profit orders, which stay",
                "reason",
                MARKUP);
        JsonNode status = x.status();
        assertThat(status.path("state").asString()).isEqualTo("CLOSED");
        assertThat(status.path("reason").asString()).isEqualTo(MARKUP);
        JsonNode bid = x.order(alice, restingBid);
        assertThat(bid.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(bid.path("cancelReason").asString()).isEqualTo("MAINTENANCE");
        assertThat(x.order(whaleLong, stopId).path("status").asString()).isEqualTo("UNTRIGGERED");
        assertThat(x.order(whaleLong, takeProfitId).path("status").asString()).isEqualTo("UNTRIGGERED");

        assertThat(browser.text("#exchange-state")).isEqualTo("CLOSED");
        assertThat(browser.text("#exchange-reason")).isEqualTo(MARKUP);
        assertShownAsText();
        browser.screenshot("exchange-closed");
    }

    private void assertShownAsText() {
        browser.assertNoAlert();
        assertThat(browser.findAll("img"))
                .as("markup from the server became an element")
                .isEmpty();
    }

    /** The read-only views: oracle sources, integrity, the vault, maintenance windows (markup shown as text). */
    private void lookAround() {
        browser.view("oracle");
        assertThat(browser.findAll(ROW + "[data-source]")).hasSize(2);
        browser.screenshot("oracle");
        browser.view("integrity");
        assertThat(browser.text("#view")).contains("ALL PASS", "ledger-conservation", "replay-hash");
        browser.screenshot("integrity");
        browser.view("vault");
        assertThat(new BigDecimal(browser.text("#vault-balance"))).isEqualByComparingTo(x.vault());
        assertThat(browser.findAll("[data-liquidation]")).hasSize(3);
        browser.screenshot("vault");
        browser.view("maintenance");
        assertThat(browser.text("[data-window]")).contains(MARKUP);
        assertShownAsText();
        browser.screenshot("maintenance");
    }

    /** Audits the range since the snapshot against 64200 from before the real move: dave and erin bogus. */
    private String audit() {
        browser.view("incidents");
        browser.type("#audit-form [data-field='fromSequence']", Long.toString(incidentFrom));
        browser.type("#audit-form [data-field='toSequence']", Long.toString(x.sequence()));
        browser.type("#audit-form [data-field='reason']", "January drill: compromised upstream " + MARKUP);
        browser.find("#audit-form [data-field='refMarket'] option[value='" + MARKET + "']")
                .click();
        browser.type("#audit-form [data-field='refTime']", Long.toString(incidentStart));
        browser.type("#audit-form [data-field='refPrice']", "64200");
        String notice = browser.confirm(
                "[data-action='audit']",
                "Re-examine every liquidation and funding payment of journal rows " + incidentFrom);
        assertThat(notice).contains("2 bogus of 3 liquidations");

        String incidentId = browser.find("#incident").getAttribute("data-incident");
        JsonNode incident = incident(incidentId);
        assertThat(incident.path("status").asString()).isEqualTo("PROPOSED");
        assertThat(incident.path("accounts")
                        .valueStream()
                        .map(a -> a.path("accountId").asString()))
                .containsExactlyInAnyOrder(dave.accountId(), erin.accountId());
        assertThat(browser.findAll("#incident [data-verdict='BOGUS']")).hasSize(2);
        assertThat(browser.findAll("#incident [data-verdict='LEGITIMATE']")).hasSize(1);
        assertThat(browser.text("#incident")).contains(MARKUP);
        assertShownAsText();
        browser.screenshot("incident");
        return incidentId;
    }

    private JsonNode incident(String incidentId) {
        return x.api()
                .get("/api/v1/admin/incidents/" + incidentId, ADMIN)
                .assertStatus(200)
                .json();
    }

    /** Pays once from the vault: the incident is PAID and dave has his refund. */
    private void payRefunds(String incidentId) {
        BigDecimal vault = x.vault();
        BigDecimal total =
                new BigDecimal(incident(incidentId).at("/totals/refund").asString());
        browser.confirm("[data-action='pay-refunds']", "Pay 2 accounts " + total.toPlainString());
        assertThat(incident(incidentId).path("status").asString()).isEqualTo("PAID");
        assertThat(x.vault()).isEqualByComparingTo(vault.subtract(total));
        assertThat(x.api().get("/api/v1/refunds", dave.key()).json().size()).isEqualTo(1);
        assertThat(browser.find("#incident").getAttribute("data-status")).isEqualTo("PAID");
    }

    /** Back to the pre-incident snapshot: epoch + 1, the liquidations undone, the triggers still there. */
    private void rollBack() {
        long epoch = x.status().path("epoch").asLong();
        browser.view("snapshots");
        String button = "[data-snapshot='" + snapshotId + "'] [data-action='rollback']";
        browser.screenshotConfirmation(button, "confirm-rollback");
        browser.screenshot("snapshots");
        browser.confirm(button, "Restore the state of " + snapshotId, "reason", "January drill: bogus liquidations");
        JsonNode status = x.status();
        assertThat(status.path("epoch").asLong()).isEqualTo(epoch + 1);
        assertThat(status.path("state").asString()).isEqualTo("CLOSED");
        for (Trader t : List.of(frank, dave, erin)) {
            assertThat(x.liquidations(t))
                    .as("%s's liquidation undone", t.name())
                    .isEmpty();
        }
        assertThat(x.vault()).isEqualByComparingTo(vaultAtSnapshot);
        assertThat(x.order(whaleLong, stopId).path("status").asString()).isEqualTo("UNTRIGGERED");
        assertThat(x.order(whaleLong, takeProfitId).path("status").asString()).isEqualTo("UNTRIGGERED");
        assertThat(browser.text("#summary-epoch")).isEqualTo(Long.toString(epoch + 1));
    }

    /** feed-b stops counting; feed-a alone confirms the price with three fresh updates (through the API). */
    private void quarantineTheFeed() {
        browser.view("oracle");
        browser.confirm(
                ROW + "[data-source='feed-b'] [data-action='quarantine']",
                "Quarantine oracle source feed-b: its prices stop counting at once in every market",
                "reason",
                "repeated the compromised upstream");
        JsonNode sources = x.api()
                .get("/api/v1/admin/oracle/sources", ADMIN)
                .assertStatus(200)
                .json();
        assertThat(sources.path("quarantined")
                        .valueStream()
                        .map(q -> q.path("source").asString()))
                .containsExactly("feed-b");
        assertThat(browser.findAll("[data-quarantined='feed-b']")).hasSize(1);
        x.prices("feed-a", "65000", "feed-a", "65000", "feed-a", "65000");
        assertThat(x.market().path("priceHealthy").asBoolean()).isTrue();
        browser.refresh();
        browser.screenshot("oracle-quarantined");
    }

    /** Post-only band narrowed to 50 bps; POST_ONLY accepts only post-only quotes inside it; then OPEN. */
    private void reopenThroughPostOnlyWithBands() {
        browser.view("overview");
        browser.confirm(
                ROW + "[data-action='market-bands']",
                "Change " + MARKET + "'s bands",
                "priceBandBps",
                "500",
                "postOnlyBandBps",
                "50");
        assertThat(x.market().path("postOnlyBandBps").asInt()).isEqualTo(50);
        browser.confirm(
                "[data-action='exchange-POST_ONLY']",
                MARKET + " ±50 bps of index 65000",
                "reason",
                "rolled back; quoting");
        JsonNode postOnly = x.status();
        assertThat(postOnly.path("state").asString()).isEqualTo("POST_ONLY");
        x.place(dave, "{\"side\":\"SELL\",\"type\":\"LIMIT\",\"size\":\"0.1\",\"price\":\"65500\"}")
                .assertProblem(422, "POST_ONLY_REQUIRED");
        x.place(alice, postOnlyLimit("SELL", "65500")).assertProblem(422, "PRICE_OUTSIDE_BAND");
        assertThat(x.placed(alice, postOnlyLimit("SELL", "65300"))
                        .path("status")
                        .asString())
                .isEqualTo("OPEN");
        browser.screenshot("exchange-post-only");

        sleepUntil(Instant.parse(postOnly.path("since").asString())
                .plusSeconds(MIN_POST_ONLY_SECONDS)
                .plusMillis(50));
        browser.confirm("[data-action='exchange-OPEN']", "orders match again", "reason", "post-only period over");
        assertThat(x.status().path("state").asString()).isEqualTo("OPEN");
        JsonNode taken = x.placed(
                whaleLong,
                "{\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"IOC\",\"size\":\"0.1\",\"price\":\"65300\"}");
        assertThat(taken.path("status").asString()).isEqualTo("FILLED");
        x.assertIntegrity();
        assertThat(browser.text("#exchange-state")).isEqualTo("OPEN");
        browser.screenshot("exchange");
    }

    private void forgetTheKey() {
        browser.click("#sign-out");
        assertThat(browser.script("return sessionStorage.getItem('bulwark.console.adminKey')"))
                .isNull();
        assertThat(browser.find("#sign-in").isDisplayed()).isTrue();
        assertThat(browser.find("#console").isDisplayed()).isFalse();
    }

    private static String postOnlyLimit(String side, String price) {
        return "{\"side\":\"%s\",\"type\":\"LIMIT\",\"timeInForce\":\"POST_ONLY\",\"size\":\"0.1\",\"price\":\"%s\"}"
                .formatted(side, price);
    }

    private static void sleepUntil(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
