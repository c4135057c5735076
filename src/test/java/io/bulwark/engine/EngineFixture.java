package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketSpec;
import java.math.BigDecimal;

/** An engine with a clock and named traders, so tests read like the trading floor. */
final class EngineFixture {
    final Engine engine = new Engine();
    long now = 1_700_000_000_000L;
    private int references;

    static MarketSpec btc() {
        return spec("BTC-USD-PERP", "0.1", "0.001", "0.02", "0.01");
    }

    static MarketSpec spec(String name, String tick, String step, String imf, String mmf) {
        return new MarketSpec(
                name,
                new BigDecimal(tick),
                new BigDecimal(step),
                new BigDecimal(step),
                new BigDecimal(imf),
                new BigDecimal(mmf),
                new BigDecimal("0.0002"),
                new BigDecimal("0.0005"),
                new BigDecimal("0.01"),
                3600,
                new BigDecimal("0.005"),
                500,
                100,
                1000,
                30,
                60L,
                200);
    }

    Outcome apply(Command command) {
        now += 1000;
        return engine.apply(command, now);
    }

    Outcome.Applied applied(Command command) {
        Outcome outcome = apply(command);
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return (Outcome.Applied) outcome;
    }

    Rejection rejected(Command command) {
        Outcome outcome = apply(command);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }

    EngineFixture withMarket(MarketSpec spec) {
        applied(new CreateMarket(spec));
        return this;
    }

    Trader trader(String name) {
        Outcome.Applied created = applied(new CreateAccount(name, "key_" + name, "hash_" + name));
        return new Trader(((AccountCreated) created.events().getFirst()).accountId());
    }

    final class Trader {
        final String accountId;

        Trader(String accountId) {
            this.accountId = accountId;
        }

        Outcome deposits(String amount, String reference) {
            return apply(new Deposit(accountId, new BigDecimal(amount), reference));
        }

        /** A withdrawal with a reference of its own (never a repeat). */
        Outcome withdraws(String amount) {
            return withdraws(amount, "w-" + (++references));
        }

        Outcome withdraws(String amount, String reference) {
            return apply(new Withdraw(accountId, new BigDecimal(amount), reference));
        }

        BigDecimal balance() {
            return engine.balance(accountId);
        }
    }
}
