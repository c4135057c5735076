package io.bulwark.engine.command;

import io.bulwark.engine.state.RuleSet;
import java.math.BigDecimal;
import java.util.function.Consumer;

/**
 * A writer term begins (a start or a recovery): prices carried over are distrusted until fresh
 * updates confirm them, so nothing acts on a stale price after a restart. It also carries the funding
 * sample period (BULWARK_FUNDING_SAMPLE_SECONDS), the liquidation circuit-breaker limits and the minimum
 * time in POST_ONLY before OPEN (BULWARK_MAINTENANCE_MIN_POST_ONLY_SECONDS), so replay behaves exactly
 * as the live engine did. Zero keeps the current value; so does a null {@code breakerMinNotional} (the
 * USD size below which a liquidation does not count toward the breaker's open-interest share), absent
 * in rows written before it existed. {@code rules} names the version of the trading rules the term
 * applies (see RuleSet): null in rows of older builds, which replay under version 1.
 *
 * <p>The limits (see Limits; SPEC v2 sections 3 and 4): {@code maxOpenOrders} live orders per account and
 * market (BULWARK_MAX_OPEN_ORDERS), resting prices within {@code restingBandBps} of the mark
 * (BULWARK_RESTING_BAND_BPS), client order ids forgotten {@code clientOrderIdRetentionSeconds} of engine
 * time after their order ended (BULWARK_CLIENT_ORDER_ID_RETENTION_SECONDS) and oracle sources forgotten in
 * a market after {@code oracleSourceRetentionSeconds} of silence (BULWARK_ORACLE_SOURCE_RETENTION_SECONDS).
 * Null turns one off, as in rows of older builds, which had none of them.
 */
public record StartEngine(
        String instance,
        long fundingSampleSeconds,
        int breakerMaxAccounts,
        int breakerMaxOpenInterestBps,
        long minPostOnlySeconds,
        BigDecimal breakerMinNotional,
        Integer rules,
        Integer maxOpenOrders,
        Integer restingBandBps,
        Long clientOrderIdRetentionSeconds,
        Long oracleSourceRetentionSeconds)
        implements Command {

    /**
     * A term of this build's rules (RuleSet.CURRENT) that changes nothing else: zeros keep the current
     * settings, no breaker notional floor, no limits. The {@code with…} methods set the rest.
     */
    public static StartEngine of(String instance) {
        return new StartEngine(instance, 0, 0, 0, 0, null, RuleSet.CURRENT, null, null, null, null);
    }

    public StartEngine withFundingSampleSeconds(long seconds) {
        return with(f -> f.fundingSampleSeconds = seconds);
    }

    /** The circuit breaker's limits: accounts liquidated, and their share of open interest, per window. */
    public StartEngine withBreaker(int maxAccounts, int maxOpenInterestBps) {
        return with(f -> {
            f.breakerMaxAccounts = maxAccounts;
            f.breakerMaxOpenInterestBps = maxOpenInterestBps;
        });
    }

    public StartEngine withBreakerMinNotional(BigDecimal minNotional) {
        return with(f -> f.breakerMinNotional = minNotional);
    }

    public StartEngine withMinPostOnlySeconds(long seconds) {
        return with(f -> f.minPostOnlySeconds = seconds);
    }

    /** Another version of the trading rules; null as in the rows of builds before RuleSet (version 1). */
    public StartEngine withRules(Integer version) {
        return with(f -> f.rules = version);
    }

    /** The order limits; null turns one off. */
    public StartEngine withOrderLimits(Integer maxOpen, Integer bandBps, Long clientOrderIdRetention) {
        return with(f -> {
            f.maxOpenOrders = maxOpen;
            f.restingBandBps = bandBps;
            f.clientOrderIdRetentionSeconds = clientOrderIdRetention;
        });
    }

    /** Oracle sources forgotten after this much silence; null keeps them forever. */
    public StartEngine withOracleSourceRetentionSeconds(Long seconds) {
        return with(f -> f.oracleSourceRetentionSeconds = seconds);
    }

    private StartEngine with(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return f.toCommand();
    }

    /** The fields of a StartEngine while a {@code with…} method changes some of them. */
    private static final class Fields {
        final String instance;
        long fundingSampleSeconds;
        int breakerMaxAccounts;
        int breakerMaxOpenInterestBps;
        long minPostOnlySeconds;
        BigDecimal breakerMinNotional;
        Integer rules;
        Integer maxOpenOrders;
        Integer restingBandBps;
        Long clientOrderIdRetentionSeconds;
        Long oracleSourceRetentionSeconds;

        Fields(StartEngine c) {
            instance = c.instance;
            fundingSampleSeconds = c.fundingSampleSeconds;
            breakerMaxAccounts = c.breakerMaxAccounts;
            breakerMaxOpenInterestBps = c.breakerMaxOpenInterestBps;
            minPostOnlySeconds = c.minPostOnlySeconds;
            breakerMinNotional = c.breakerMinNotional;
            rules = c.rules;
            maxOpenOrders = c.maxOpenOrders;
            restingBandBps = c.restingBandBps;
            clientOrderIdRetentionSeconds = c.clientOrderIdRetentionSeconds;
            oracleSourceRetentionSeconds = c.oracleSourceRetentionSeconds;
        }

        StartEngine toCommand() {
            return new StartEngine(
                    instance,
                    fundingSampleSeconds,
                    breakerMaxAccounts,
                    breakerMaxOpenInterestBps,
                    minPostOnlySeconds,
                    breakerMinNotional,
                    rules,
                    maxOpenOrders,
                    restingBandBps,
                    clientOrderIdRetentionSeconds,
                    oracleSourceRetentionSeconds);
        }
    }
}
