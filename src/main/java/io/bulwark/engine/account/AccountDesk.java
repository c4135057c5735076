package io.bulwark.engine.account;

import static io.bulwark.engine.Outcome.reject;
import static io.bulwark.engine.Rejection.Code.DUPLICATE_DEPOSIT_REFERENCE;
import static io.bulwark.engine.Rejection.Code.INSUFFICIENT_MARGIN;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_KEY;
import static io.bulwark.engine.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.Rejection.Code.WITHDRAWALS_PAUSED;

import io.bulwark.engine.Decimals;
import io.bulwark.engine.Outcome;
import io.bulwark.engine.account.Accounts.DepositRecord;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.ledger.TransferKind;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, API keys and collateral: opening accounts, issuing and revoking keys, idempotent
 * deposits from EXTERNAL and withdrawals up to free collateral (paused while the exchange is CLOSED).
 */
public final class AccountDesk {
    private final Accounts accounts;
    private final Ledger ledger;
    private final Portfolios portfolios;
    private final ExchangeStatus status;
    private final MarginCalculator margin;

    public AccountDesk(
            Accounts accounts, Ledger ledger, Portfolios portfolios, ExchangeStatus status, MarginCalculator margin) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.portfolios = portfolios;
        this.status = status;
        this.margin = margin;
    }

    public Optional<Outcome> createAccount(CreateAccount c, long now, List<Event> events) {
        Optional<Outcome> keyProblem = checkNewKey(c.keyId(), c.keyHash());
        if (keyProblem.isPresent()) {
            return keyProblem;
        }
        Account account = accounts.open(c.name(), now);
        ledger.open(account.accountId());
        portfolios.open(account.accountId());
        accounts.putKey(new ApiKey(c.keyId(), Role.TRADER, account.accountId(), c.keyHash(), false, ""));
        events.add(new AccountCreated(account.accountId(), account.name()));
        events.add(new ApiKeyIssued(c.keyId(), Role.TRADER, account.accountId(), c.keyHash(), null));
        return Optional.empty();
    }

    public Optional<Outcome> issueKey(IssueApiKey c, List<Event> events) {
        if (c.role() == Role.TRADER) {
            return reject(VALIDATION_FAILED, "trader keys are issued with their account");
        }
        if (c.source() != null && c.role() != Role.ORACLE) {
            return reject(VALIDATION_FAILED, "only ORACLE keys are bound to a source");
        }
        Optional<Outcome> keyProblem = checkNewKey(c.keyId(), c.keyHash());
        if (keyProblem.isPresent()) {
            return keyProblem;
        }
        String source = c.source() == null ? "" : c.source();
        accounts.putKey(new ApiKey(c.keyId(), c.role(), "", c.keyHash(), false, source));
        events.add(new ApiKeyIssued(c.keyId(), c.role(), "", c.keyHash(), c.source()));
        return Optional.empty();
    }

    private Optional<Outcome> checkNewKey(String keyId, String keyHash) {
        if (accounts.key(keyId).isPresent() || accounts.hasKeyHash(keyHash)) {
            return reject(VALIDATION_FAILED, "key id or key already in use");
        }
        return Optional.empty();
    }

    public Optional<Outcome> revokeKey(RevokeApiKey c, List<Event> events) {
        Optional<ApiKey> key = accounts.key(c.keyId());
        if (key.isEmpty() || key.get().revoked()) {
            return reject(UNKNOWN_KEY, "no active key " + c.keyId());
        }
        ApiKey k = key.get();
        accounts.putKey(new ApiKey(k.keyId(), k.role(), k.accountId(), k.keyHash(), true, k.source()));
        events.add(new ApiKeyRevoked(k.keyId()));
        return Optional.empty();
    }

    public Optional<Outcome> deposit(Deposit c, long sequence, List<Event> events) {
        if (!isFundable(c.accountId())) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        Optional<Outcome> badAmount = checkAmount(c.amount());
        if (badAmount.isPresent()) {
            return badAmount;
        }
        BigDecimal amount = Decimals.usd(c.amount());
        Optional<DepositRecord> earlier = accounts.deposit(c.reference());
        if (earlier.isPresent()) {
            DepositRecord d = earlier.get();
            if (d.accountId().equals(c.accountId()) && d.amount().compareTo(amount) == 0) {
                return Optional.of(new Outcome.AlreadyApplied("deposit " + c.reference() + " already credited"));
            }
            return reject(DUPLICATE_DEPOSIT_REFERENCE, "reference " + c.reference() + " was used for another deposit");
        }
        accounts.recordDeposit(new DepositRecord(c.reference(), c.accountId(), amount, sequence));
        events.add(ledger.transfer(Ledger.EXTERNAL, c.accountId(), amount, TransferKind.DEPOSIT, c.reference()));
        return Optional.empty();
    }

    /** Trading accounts take deposits, and so does the liquidator vault (the insurance fund). */
    private boolean isFundable(String accountId) {
        return accounts.account(accountId).isPresent() || accountId.equals(Ledger.LIQUIDATOR_VAULT);
    }

    public Optional<Outcome> withdraw(Withdraw c, long sequence, List<Event> events) {
        if (accounts.account(c.accountId()).isEmpty()) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        Optional<Outcome> badAmount = checkAmount(c.amount());
        if (badAmount.isPresent()) {
            return badAmount;
        }
        if (status.state() == TradingState.CLOSED) {
            return reject(WITHDRAWALS_PAUSED, "withdrawals are paused while the exchange is CLOSED");
        }
        BigDecimal amount = Decimals.usd(c.amount());
        BigDecimal free = margin.assess(c.accountId()).freeCollateral();
        if (amount.compareTo(free) > 0) {
            return reject(
                    INSUFFICIENT_MARGIN,
                    "withdrawal of " + Decimals.plain(amount) + " exceeds free collateral " + Decimals.plain(free));
        }
        String withdrawalId = "W" + (sequence);
        events.add(ledger.transfer(c.accountId(), Ledger.EXTERNAL, amount, TransferKind.WITHDRAWAL, withdrawalId));
        return Optional.empty();
    }

    private static Optional<Outcome> checkAmount(BigDecimal amount) {
        if (amount.signum() <= 0 || !Decimals.fitsScale(amount, Decimals.USD_SCALE)) {
            return reject(
                    VALIDATION_FAILED, "amount must be positive with at most " + Decimals.USD_SCALE + " decimals");
        }
        return Optional.empty();
    }
}
