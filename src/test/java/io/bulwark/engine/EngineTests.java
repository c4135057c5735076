package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EngineTests {
    private final TradingFloor exchange = TradingFloor.empty();

    @Test
    void depositMovesMoneyFromExternalAndConservesTheLedger() {
        var alice = exchange.trader("alice");
        var applied = (Outcome.Applied) alice.deposits("1000.5", "dep-1");

        assertThat(applied.events())
                .containsExactly(new Transferred(
                        Ledger.EXTERNAL,
                        alice.accountId,
                        Decimals.usd("1000.5"),
                        TransferKind.DEPOSIT,
                        "dep-1",
                        Decimals.usd("-1000.5"),
                        Decimals.usd("1000.5")));
        assertThat(alice.balance()).isEqualByComparingTo("1000.5");
        assertThat(exchange.engine.ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isZero();
    }

    @Test
    void aRepeatedDepositReferenceIsRecognisedNotCreditedTwice() {
        var alice = exchange.trader("alice");
        alice.deposits("100", "dep-1");
        long sequence = exchange.engine.lastSequence();

        assertThat(alice.deposits("100.000", "dep-1")).isInstanceOf(Outcome.AlreadyApplied.class);
        assertThat(alice.deposits("99", "dep-1"))
                .isEqualTo(new Outcome.Rejected(Rejection.of(
                        Code.DUPLICATE_DEPOSIT_REFERENCE, "reference dep-1 was used for another deposit")));
        assertThat(alice.balance()).isEqualByComparingTo("100");
        assertThat(exchange.engine.lastSequence()).isEqualTo(sequence);
    }

    @Test
    void withdrawalsStopAtFreeCollateral() {
        var alice = exchange.trader("alice");
        alice.deposits("100", "dep-1");

        assertThat(alice.withdraws("100.000001")).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) alice.withdraws("100.000001"))
                        .rejection()
                        .code())
                .isEqualTo(Code.INSUFFICIENT_MARGIN);
        assertThat(alice.withdraws("60")).isInstanceOf(Outcome.Applied.class);
        assertThat(alice.balance()).isEqualByComparingTo("40");
        assertThat(exchange.engine.balance(Ledger.EXTERNAL)).isEqualByComparingTo("-40");
    }

    @Test
    void withdrawalsArePausedWhileTheExchangeIsClosed() {
        var alice = exchange.trader("alice");
        alice.deposits("100", "dep-1");
        exchange.applied(new ChangeTradingState("", TradingState.CLOSED, "maintenance", "admin", false));

        assertThat(((Outcome.Rejected) alice.withdraws("1")).rejection().code()).isEqualTo(Code.WITHDRAWALS_PAUSED);
        assertThat(alice.balance()).isEqualByComparingTo("100");
    }

    @Test
    void amountsMustBePositiveWithAtMostSixDecimals() {
        var alice = exchange.trader("alice");
        for (String amount : new String[] {"0", "-1", "0.0000001", "1E-7"}) {
            assertThat(((Outcome.Rejected) alice.deposits(amount, "dep-" + amount))
                            .rejection()
                            .code())
                    .as(amount)
                    .isEqualTo(Code.VALIDATION_FAILED);
        }
        assertThat(alice.balance()).isZero();
    }

    @Test
    void depositsToUnknownAccountsAreRefusedButTheVaultCanBeFunded() {
        assertThat(exchange.rejected(new io.bulwark.engine.command.Deposit("42", BigDecimal.ONE, "x"))
                        .code())
                .isEqualTo(Code.UNKNOWN_ACCOUNT);
        exchange.applied(new io.bulwark.engine.command.Deposit(Ledger.LIQUIDATOR_VAULT, BigDecimal.TEN, "fund-1"));
        assertThat(exchange.engine.balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("10");
    }

    @Test
    void marketsAreValidatedOnCreateAndOnUpdate() {
        exchange.withMarket(TradingFloor.btc());

        assertThat(exchange.rejected(new CreateMarket(TradingFloor.btc())).code())
                .isEqualTo(Code.MARKET_EXISTS);
        assertThat(exchange.rejected(
                                new CreateMarket(TradingFloor.spec("ETH-USD-PERP", "0.01", "0.01", "0.03", "0.05")))
                        .message())
                .isEqualTo("maintenanceMarginFraction must be below initialMarginFraction");
        MarketPatch badTick = MarketPatch.NONE.withTickSize(BigDecimal.ZERO);
        assertThat(exchange.rejected(new UpdateMarket("BTC-USD-PERP", badTick)).message())
                .isEqualTo("tickSize must be greater than 0");
        MarketPatch wider = MarketPatch.NONE.withPriceBandBps(800);
        exchange.applied(new UpdateMarket("BTC-USD-PERP", wider));
        assertThat(exchange.engine.market("BTC-USD-PERP").orElseThrow().spec().priceBandBps())
                .isEqualTo(800);
        assertThat(exchange.rejected(new UpdateMarket("DOGE-USD-PERP", wider)).code())
                .isEqualTo(Code.UNKNOWN_MARKET);
    }

    @Test
    void aMarketsEffectiveStateIsTheStricterOfExchangeAndMarket() {
        exchange.withMarket(TradingFloor.btc());
        exchange.applied(new ChangeTradingState("BTC-USD-PERP", TradingState.POST_ONLY, "reopen", "admin", false));
        assertThat(exchange.engine.market("BTC-USD-PERP").orElseThrow().effectiveState())
                .isEqualTo(TradingState.POST_ONLY);
        exchange.applied(new ChangeTradingState("", TradingState.CLOSED, "upgrade", "admin", false));
        assertThat(exchange.engine.market("BTC-USD-PERP").orElseThrow().effectiveState())
                .isEqualTo(TradingState.CLOSED);
    }

    @Test
    void keysAreIssuedOnceAndRevoked() {
        exchange.applied(new IssueApiKey("key_ops", Role.ADMIN, "hash_ops"));
        assertThat(exchange.rejected(new IssueApiKey("key_other", Role.ORACLE, "hash_ops"))
                        .code())
                .isEqualTo(Code.VALIDATION_FAILED);
        assertThat(exchange.rejected(new IssueApiKey("key_t", Role.TRADER, "hash_t"))
                        .code())
                .isEqualTo(Code.VALIDATION_FAILED);
        exchange.applied(new RevokeApiKey("key_ops"));
        assertThat(exchange.engine.apiKeys())
                .singleElement()
                .satisfies(k -> assertThat(k.revoked()).isTrue());
        assertThat(exchange.rejected(new RevokeApiKey("key_ops")).code()).isEqualTo(Code.UNKNOWN_KEY);
    }

    @Test
    void aRejectedCommandChangesNothing() {
        var alice = exchange.trader("alice");
        alice.deposits("5", "d");
        String before = exchange.engine.stateHash();
        alice.withdraws("6");
        assertThat(exchange.engine.stateHash()).isEqualTo(before);
    }

    @Test
    void aSnapshotRestoresToTheSameStateHash() {
        exchange.withMarket(TradingFloor.btc());
        exchange.trader("alice").deposits("123.456789", "d1");
        exchange.apply(new Tick());
        var taken = exchange.applied(new TakeSnapshot("test"));
        byte[] bytes = taken.snapshot();

        Engine restored = Engine.restore(bytes);
        assertThat(restored.stateHash()).isEqualTo(exchange.engine.stateHash());
        assertThat(((SnapshotTaken) taken.events().getFirst()).stateHash()).isEqualTo(CanonicalWriter.sha256(bytes));
        assertThat(restored.lastSequence()).isEqualTo(taken.sequence());
        assertThat(restored.clock()).isEqualTo(exchange.engine.clock());
    }

    @Test
    void timeNeverRunsBackwards() {
        exchange.engine.apply(new Tick(), 5_000);
        exchange.engine.apply(new Tick(), 1_000);
        assertThat(exchange.engine.clock()).isEqualTo(5_000);
    }

    @Test
    void replayKeepsRecordedSequencesAcrossGaps() {
        Engine engine = new Engine();
        engine.replay(7, 1_000, new Tick());
        Outcome refused = engine.replay(9, 2_000, new RevokeApiKey("missing"));
        assertThat(refused).isInstanceOf(Outcome.Rejected.class);
        assertThat(engine.lastSequence()).isEqualTo(9);
        assertThat(((Outcome.Applied) engine.apply(new Tick(), 3_000)).sequence())
                .isEqualTo(10);
    }
}
