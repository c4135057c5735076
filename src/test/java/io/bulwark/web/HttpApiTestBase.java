package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.journal.ReadModels;
import io.bulwark.testsupport.Exchange;
import io.bulwark.testsupport.PostgresTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the HTTP API tests. Every subclass shares one application (same annotations, same
 * properties: Spring caches the context), so tests must not depend on one another: each makes its
 * own accounts, references and markets.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bulwark.admin-key=" + HttpApiTestBase.ADMIN_KEY, "bulwark.oracle.simulated=false"})
public abstract class HttpApiTestBase extends PostgresTestBase {
    public static final String ADMIN_KEY = "test-admin-key-do-not-use-in-production";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    protected int port;

    /** The actuator's port (metrics, health): never the API's. */
    @LocalManagementPort
    protected int managementPort;

    protected ApiClient api;

    /** Read-your-writes for the read models, as the history endpoints use it. */
    @Autowired
    protected ReadModels readModels;

    /** The shared exchange, administered with {@link #ADMIN_KEY}. */
    protected Exchange operator;

    /** A trading account made for one test, with its key. */
    public record Trader(String accountId, String apiKey, String keyId) {}

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        api.awaitWriter(Duration.ofSeconds(60));
        operator = Exchange.at(api, ADMIN_KEY);
    }

    /**
     * Waits until the projector has written the read models through the last commit: a test that reads a
     * read-model table directly (not through the API, which waits by itself) calls this first.
     */
    protected void awaitReadModels() {
        readModels.awaitCurrent();
    }

    /** What Prometheus scrapes: {@code /actuator/prometheus} on the management port. */
    protected String metrics() {
        return new ApiClient(managementPort)
                .get("/actuator/prometheus", null)
                .assertStatus(200)
                .body();
    }

    protected Trader newTrader() {
        Exchange.Account account = operator.account("trader-" + NAMES.incrementAndGet());
        return new Trader(account.accountId(), account.apiKey(), account.keyId());
    }

    protected Trader newFundedTrader(String amount) {
        Trader trader = newTrader();
        deposit(trader.accountId(), amount);
        return trader;
    }

    protected ApiClient.Response deposit(String accountId, String amount) {
        return operator.deposit(accountId, amount, reference());
    }

    protected BigDecimal balance(Trader trader) {
        ApiClient.Response account = api.get("/api/v1/account", trader.apiKey());
        account.assertStatus(200);
        return new BigDecimal(account.text("balance"));
    }

    protected void assertBalance(Trader trader, String expected) {
        assertThat(balance(trader)).isEqualByComparingTo(expected);
    }

    protected static String reference() {
        return "ref-" + UUID.randomUUID();
    }
}
