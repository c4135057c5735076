package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties over random command streams: the ledger conserves, and replay reproduces the hash. */
class EngineInvariantTests {

    @Property(tries = 200)
    void theLedgerConservesAfterEveryCommand(@ForAll("commandStreams") List<Command> commands) {
        Engine engine = new Engine();
        long now = 0;
        for (Command command : commands) {
            engine.apply(command, now += 250);
            assertThat(engine.ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isZero();
            engine.ledgerBalances().forEach((account, balance) -> {
                if (!account.equals("EXTERNAL")) {
                    assertThat(balance.signum()).as(account).isNotNegative();
                }
            });
        }
    }

    @Property(tries = 200)
    void replayingTheJournalFromAnySnapshotReproducesTheStateHash(
            @ForAll("commandStreams") List<Command> commands, @ForAll @IntRange(min = 0, max = 60) int snapshotAt) {
        Engine live = new Engine();
        List<long[]> journal = new ArrayList<>(); // {sequence, timestamp, index into commands}
        byte[] snapshot = live.serialize();
        long now = 0;
        for (int i = 0; i < commands.size(); i++) {
            if (i == Math.min(snapshotAt, commands.size() - 1)) {
                snapshot = ((Outcome.Applied) live.apply(new TakeSnapshot("property"), now += 250)).snapshot();
            }
            if (live.apply(commands.get(i), now += 250) instanceof Outcome.Applied applied) {
                journal.add(new long[] {applied.sequence(), applied.timestamp(), i});
            }
        }

        Engine recovered = Engine.restore(snapshot);
        for (long[] row : journal) {
            if (row[0] > recovered.lastSequence()) {
                assertThat(recovered.replay(row[0], row[1], commands.get((int) row[2])))
                        .isInstanceOf(Outcome.Applied.class);
            }
        }
        assertThat(recovered.stateHash()).isEqualTo(live.stateHash());
    }

    @Provide
    Arbitrary<List<Command>> commandStreams() {
        Arbitrary<String> accounts = Arbitraries.of("1", "2", "3", "4", "LIQUIDATOR_VAULT");
        Arbitrary<BigDecimal> amounts = Arbitraries.bigDecimals()
                .between(new BigDecimal("-5"), new BigDecimal("5000"))
                .ofScale(3); // mostly valid; negatives and zero exercise refusals
        Arbitrary<Command> command = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofLength(6).map(n -> new CreateAccount(n, "key_" + n, "hash_" + n)),
                Arbitraries.integers()
                        .between(0, 40)
                        .flatMap(ref -> accounts.flatMap(a -> amounts.map(x -> new Deposit(a, x, "ref-" + ref)))),
                accounts.flatMap(a ->
                        amounts.flatMap(x -> Arbitraries.of("w-1", "w-2", "w-3").map(r -> new Withdraw(a, x, r)))),
                Arbitraries.of(TradingState.class).map(s -> new ChangeTradingState("", s, "prop", "test", false)),
                Arbitraries.just(new CreateMarket(TradingFloor.btc())),
                Arbitraries.just(new Tick()));
        return command.list().ofMinSize(1).ofMaxSize(80);
    }
}
