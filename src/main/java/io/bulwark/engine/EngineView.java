package io.bulwark.engine;

import io.bulwark.engine.account.Account;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only access to engine state. Queries run on the engine thread and must copy what they return:
 * every method here returns immutable values.
 */
public interface EngineView {

    /** A market's parameters and its own and effective (stricter of exchange and market) state. */
    record MarketView(MarketSpec spec, TradingState state, TradingState effectiveState) {}

    record StatusView(TradingState state, long since, String reason, long epoch, List<MarketView> markets) {}

    long lastSequence();

    long clock();

    StatusView status();

    List<MarketView> markets();

    Optional<MarketView> market(String market);

    Optional<Account> account(String accountId);

    Optional<AccountRisk> risk(String accountId);

    /** Balance of any ledger account, including EXTERNAL, FEES and LIQUIDATOR_VAULT. */
    BigDecimal balance(String ledgerAccount);

    Map<String, BigDecimal> ledgerBalances();

    List<ApiKey> apiKeys();

    String stateHash();
}
