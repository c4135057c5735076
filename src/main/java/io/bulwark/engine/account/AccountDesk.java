package io.bulwark.engine.account;

import static io.bulwark.engine.Outcome.reject;
import static io.bulwark.engine.Rejection.Code.DUPLICATE_DEPOSIT_REFERENCE;
import static io.bulwark.engine.Rejection.Code.DUPLICATE_REFERENCE;
import static io.bulwark.engine.Rejection.Code.INSUFFICIENT_MARGIN;
import static io.bulwark.engine.Rejection.Code.TOO_MANY_WITHDRAWALS;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_KEY;
import static io.bulwark.engine.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.Rejection.Code.WITHDRAWALS_PAUSED;

import io.bulwark.engine.Decimals;
import io.bulwark.engine.Outcome;
import io.bulwark.engine.account.Accounts.DepositRecord;
import io.bulwark.engine.account.WithdrawalReferences.PaidWithdrawal;
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
import io.bulwark.engine.risk.OrderExposure;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.RuleSet;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts, API keys and collateral: opening accounts, issuing and revoking keys, idempotent
 * deposits from EXTERNAL and withdrawals, idempotent by the account's reference, up to free collateral
 * without gains at unhealthy prices (paused while the exchange is CLOSED).
 */
public final class AccountDesk {
    /** The same rule as the API's (SPEC section 10 v2), so a command that bypasses it is refused too. */
    private static final Pattern WITHDRAWAL_REFERENCE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Accounts accounts;
    private final Ledger ledger;
    private final Portfolios portfolios;
    private final ExchangeStatus status;
    private final MarginCalculator margin;
    private final OrderExposure exposure;
    private final RuleSet rules;

    public AccountDesk(
            Accounts accounts,
            Ledger ledger,
            Portfolios portfolios,
            ExchangeStatus status,
            MarginCalculator margin,
            OrderExposure exposure,
            RuleSet rules) {
        this.exposure = exposure;
        this.rules = rules;
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

    /**
     * Pays out up to the withdrawable collateral: free collateral without unrealized gains in markets
     * whose price is not healthy. A repeat of a remembered reference with the same amount pays nothing
     * (answered with the original's id), with another amount it is refused; a refused withdrawal
     * (paused, over the limit) leaves its reference unused.
     */
    public Optional<Outcome> withdraw(Withdraw c, long sequence, long now, List<Event> events) {
        if (accounts.account(c.accountId()).isEmpty()) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        Optional<Outcome> badAmount = checkAmount(c.amount());
        if (badAmount.isPresent()) {
            return badAmount;
        }
        BigDecimal amount = Decimals.usd(c.amount());
        if (c.reference() != null) {
            Optional<Outcome> repeat = checkReference(c.accountId(), c.reference(), amount, now);
            if (repeat.isPresent()) {
                return repeat;
            }
        }
        if (status.state() == TradingState.CLOSED) {
            return reject(WITHDRAWALS_PAUSED, "withdrawals are paused while the exchange is CLOSED");
        }
        BigDecimal free = margin.assess(c.accountId()).freeCollateral();
        // Nor may it uncover the worst case the account's standing orders were accepted against.
        BigDecimal withdrawable = rules.v2()
                ? free.min(exposure.headroom(c.accountId())).subtract(margin.unhealthyGains(c.accountId(), now))
                : free; // journals of older builds replay under their rules (RuleSet)
        if (amount.compareTo(withdrawable) > 0) {
            return reject(
                    INSUFFICIENT_MARGIN,
                    "withdrawal of " + Decimals.plain(amount) + " exceeds withdrawable collateral "
                            + Decimals.plain(withdrawable.max(BigDecimal.ZERO))
                            + (withdrawable.compareTo(free) < 0 ? " (gains at unhealthy prices do not count)" : ""));
        }
        String withdrawalId = WithdrawalReferences.withdrawalId(sequence);
        if (c.reference() != null) {
            accounts.withdrawals().record(new PaidWithdrawal(c.accountId(), c.reference(), amount, sequence, now));
        }
        events.add(ledger.transfer(c.accountId(), Ledger.EXTERNAL, amount, TransferKind.WITHDRAWAL, withdrawalId));
        return Optional.empty();
    }

    /** A repeat, a reused reference, a malformed one, or an account with too many remembered. */
    private Optional<Outcome> checkReference(String accountId, String reference, BigDecimal amount, long now) {
        if (!WITHDRAWAL_REFERENCE.matcher(reference).matches()) {
            return reject(VALIDATION_FAILED, "reference must be 1 to 64 characters of A-Z a-z 0-9 _ . : -");
        }
        WithdrawalReferences paid = accounts.withdrawals();
        Optional<PaidWithdrawal> earlier = paid.find(accountId, reference, now);
        if (earlier.isPresent()) {
            if (earlier.get().amount().compareTo(amount) == 0) {
                return Optional.of(new Outcome.AlreadyApplied(
                        "withdrawal " + reference + " already paid",
                        earlier.get().withdrawalId()));
            }
            return reject(DUPLICATE_REFERENCE, "reference " + reference + " was used for another withdrawal");
        }
        if (paid.remembered(accountId, now) >= WithdrawalReferences.MAX_PER_ACCOUNT) {
            return reject(
                    TOO_MANY_WITHDRAWALS,
                    "at most " + WithdrawalReferences.MAX_PER_ACCOUNT + " withdrawals per account within "
                            + WithdrawalReferences.RETENTION_MILLIS / 86_400_000 + " days; try again later");
        }
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
