package io.bulwark.engine.desk.account;

import static io.bulwark.engine.command.Rejection.Code.DUPLICATE_DEPOSIT_REFERENCE;
import static io.bulwark.engine.command.Rejection.Code.DUPLICATE_REFERENCE;
import static io.bulwark.engine.command.Rejection.Code.INSUFFICIENT_MARGIN;
import static io.bulwark.engine.command.Rejection.Code.TOO_MANY_WITHDRAWALS;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.command.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.command.Rejection.Code.WITHDRAWALS_PAUSED;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.account.Account;
import io.bulwark.engine.account.Accounts;
import io.bulwark.engine.account.Accounts.DepositRecord;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.KeyGrant;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import io.bulwark.engine.account.WithdrawalReferences;
import io.bulwark.engine.account.WithdrawalReferences.PaidWithdrawal;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.risk.OrderExposure;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.RuleSet;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts and collateral: opening accounts (with their first key; further keys: {@link KeyDesk}), idempotent
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
    private final KeyDesk keys;

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
        this.keys = new KeyDesk(accounts);
    }

    public Optional<Outcome> createAccount(CreateAccount c, long now, List<Event> events) {
        Optional<Outcome> keyProblem = keys.checkNewKey(c.keyId(), c.keyHash());
        if (keyProblem.isPresent()) {
            return keyProblem;
        }
        Account account = accounts.open(c.name(), now);
        ledger.open(account.accountId());
        portfolios.open(account.accountId());
        KeyGrant grant = c.hashScheme() == null
                ? KeyGrant.LEGACY
                : new KeyGrant(EnumSet.allOf(Scope.class), List.of(), 0, "", now, c.hashScheme());
        ApiKey key = new ApiKey(c.keyId(), Role.TRADER, account.accountId(), c.keyHash(), false, "", grant);
        accounts.putKey(key);
        events.add(new AccountCreated(account.accountId(), account.name()));
        events.add(KeyDesk.issued(key, c.hashScheme() == null));
        return Optional.empty();
    }

    /**
     * ADMIN and ORACLE keys, and further TRADER keys of an account (SPEC section 10 v2): see {@link KeyDesk}.
     */
    public Optional<Outcome> issueKey(IssueApiKey c, long now, List<Event> events) {
        return keys.issueKey(c, now, events);
    }

    public Optional<Outcome> revokeKey(RevokeApiKey c, List<Event> events) {
        return keys.revokeKey(c, events);
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
        Optional<Outcome> tooMuch = checkWithdrawable(c.accountId(), amount, now);
        if (tooMuch.isPresent()) {
            return tooMuch;
        }
        String withdrawalId = WithdrawalReferences.withdrawalId(sequence);
        if (c.reference() != null) {
            accounts.withdrawals().record(new PaidWithdrawal(c.accountId(), c.reference(), amount, sequence, now));
        }
        events.add(ledger.transfer(c.accountId(), Ledger.EXTERNAL, amount, TransferKind.WITHDRAWAL, withdrawalId));
        return Optional.empty();
    }

    /**
     * Within free collateral, and under rule set 2 also within the headroom the account's standing orders
     * were accepted against, gains at unhealthy prices not counted.
     */
    private Optional<Outcome> checkWithdrawable(String accountId, BigDecimal amount, long now) {
        BigDecimal free = margin.assess(accountId).freeCollateral();
        BigDecimal withdrawable = rules.v2()
                ? free.min(exposure.headroom(accountId)).subtract(margin.unhealthyGains(accountId, now))
                : free; // journals of older builds replay under their rules (RuleSet)
        if (amount.compareTo(withdrawable) <= 0) {
            return Optional.empty();
        }
        return reject(
                INSUFFICIENT_MARGIN,
                "withdrawal of " + Decimals.plain(amount) + " exceeds withdrawable collateral "
                        + Decimals.plain(withdrawable.max(BigDecimal.ZERO))
                        + (withdrawable.compareTo(free) < 0 ? " (gains at unhealthy prices do not count)" : ""));
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
