package io.bulwark.account;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.event.Transferred;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.Sequenced;
import io.bulwark.web.security.ApiKeySecret;
import io.bulwark.web.security.KeyHasher;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Trading accounts and the money that enters and leaves them. */
@Service
class AccountService {
    private final EngineClient engine;
    private final LedgerEntryRepository ledger;
    private final KeyHasher hasher;

    AccountService(EngineClient engine, LedgerEntryRepository ledger, KeyHasher hasher) {
        this.engine = engine;
        this.ledger = ledger;
        this.hasher = hasher;
    }

    AccountCreatedResponse create(String name, String actor) {
        ApiKeySecret key = hasher.generate();
        Outcome.Applied applied =
                engine.apply(new CreateAccount(name, key.keyId(), key.keyHash(), hasher.scheme()), actor);
        AccountCreated created = EngineClient.event(applied, AccountCreated.class);
        return new AccountCreatedResponse(created.accountId(), created.name(), key.secret(), key.keyId());
    }

    /** The deposit, and whether it was new (false: a repeat of an already credited reference). */
    record DepositResult(DepositResponse deposit, boolean created) {}

    DepositResult deposit(String accountId, BigDecimal amount, String reference, String actor) {
        return switch (engine.submit(new Deposit(accountId, amount, reference), actor)) {
            case Outcome.Applied applied -> {
                Transferred t = EngineClient.event(applied, Transferred.class);
                yield new DepositResult(
                        new DepositResponse(t.to(), t.amount(), reference, t.toBalance(), applied.sequence()), true);
            }
            case Outcome.AlreadyApplied repeat -> new DepositResult(earlierDeposit(reference), false);
        };
    }

    /** A repeated deposit answers with the original: its sequence and the balance right after it. */
    private DepositResponse earlierDeposit(String reference) {
        LedgerEntry e = ledger.findFirstByKindAndReference(TransferKind.DEPOSIT.name(), reference)
                .orElseThrow(() -> new IllegalStateException("deposit " + reference + " is not in ledger_entries"));
        return new DepositResponse(e.toAccount(), e.amount(), reference, e.toBalance(), e.sequence());
    }

    /** The withdrawal, and whether it was new (false: a repeat of an already paid reference). */
    record WithdrawalResult(WithdrawalResponse withdrawal, boolean created) {}

    WithdrawalResult withdraw(String accountId, BigDecimal amount, String reference, String actor) {
        return switch (engine.submit(new Withdraw(accountId, amount, reference), actor)) {
            case Outcome.Applied applied -> {
                Transferred t = EngineClient.event(applied, Transferred.class);
                yield new WithdrawalResult(
                        new WithdrawalResponse(
                                t.reference(),
                                accountId,
                                reference,
                                t.amount(),
                                t.fromBalance(),
                                applied.sequence(),
                                Instant.ofEpochMilli(applied.timestamp())),
                        true);
            }
            case Outcome.AlreadyApplied repeat ->
                new WithdrawalResult(earlierWithdrawal(accountId, reference, repeat.id()), false);
        };
    }

    /**
     * A repeated withdrawal answers with the original, from the ledger read model: the engine named
     * it, and replies leave only after the journal commit, so the original's row is there.
     */
    private WithdrawalResponse earlierWithdrawal(String accountId, String reference, String withdrawalId) {
        LedgerEntry e = ledger.findFirstByKindAndReferenceAndFromAccount(
                        TransferKind.WITHDRAWAL.name(), withdrawalId, accountId)
                .orElseThrow(
                        () -> new IllegalStateException("withdrawal " + withdrawalId + " is not in ledger_entries"));
        return new WithdrawalResponse(
                withdrawalId, accountId, reference, e.amount(), e.fromBalance(), e.sequence(), e.time());
    }

    /** The account, with the sequence it reflects (for {@code Bulwark-Sequence}). */
    Sequenced<AccountResponse> account(String accountId) {
        Sequenced<Optional<AccountResponse>> read =
                engine.query(view -> new Sequenced<>(account(view, accountId), view.lastSequence()));
        return new Sequenced<>(
                read.body().orElseThrow(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + accountId)),
                read.sequence());
    }

    /** The account as {@code view} has it. */
    static Optional<AccountResponse> account(EngineView view, String accountId) {
        return view.account(accountId).flatMap(a -> view.risk(accountId).map(r -> AccountResponse.of(a, r)));
    }
}
