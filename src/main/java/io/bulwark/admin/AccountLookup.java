package io.bulwark.admin;

import io.bulwark.account.AccountResponse;
import io.bulwark.account.TraderKeyResponse;
import io.bulwark.engine.account.Account;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.PositionView;
import io.bulwark.order.OpenOrders;
import io.bulwark.position.PositionResponse;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.KeyUsage;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One account as an operator looks it up: everything from one engine query, so it all holds at one sequence. */
@Component
class AccountLookup {
    private final EngineClient engine;
    private final OpenOrders openOrders;
    private final KeyUsage usage;

    AccountLookup(EngineClient engine, OpenOrders openOrders, KeyUsage usage) {
        this.engine = engine;
        this.openOrders = openOrders;
        this.usage = usage;
    }

    private record Read(
            Account account,
            AccountRisk risk,
            List<PositionView> positions,
            List<OrderState> live,
            List<ApiKey> keys,
            long sequence) {}

    AccountDetailResponse detail(String accountId) {
        Read read = engine.query(view -> view.account(accountId)
                        .flatMap(a -> view.risk(accountId)
                                .map(r -> new Read(
                                        a,
                                        r,
                                        view.positions(accountId),
                                        view.liveOrders(accountId, "").stream()
                                                .sorted(Comparator.comparingLong(
                                                        (OrderState o) -> Long.parseLong(o.orderId())))
                                                .toList(),
                                        keysOf(view.apiKeys(), accountId),
                                        view.lastSequence()))))
                .orElseThrow(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + accountId));
        Map<String, Instant> lastUsed =
                usage.lastUsed(read.keys().stream().map(ApiKey::keyId).toList());
        return new AccountDetailResponse(
                accountId,
                read.account().name(),
                read.sequence(),
                AccountResponse.of(read.account(), read.risk()),
                read.positions().stream().map(PositionResponse::of).toList(),
                openOrders.withFills(accountId, read.live(), read.sequence()),
                read.keys().stream()
                        .map(k -> TraderKeyResponse.of(k, lastUsed.get(k.keyId())))
                        .toList());
    }

    /**
     * The account's TRADER keys, oldest first, expired ones too: every key that still exists (the engine forgets
     * a revoked key; the {@code api_keys} table keeps its row).
     */
    private static List<ApiKey> keysOf(List<ApiKey> all, String accountId) {
        return all.stream()
                .filter(k -> k.role() == Role.TRADER && k.accountId().equals(accountId) && !k.revoked())
                .sorted(Comparator.comparingLong((ApiKey k) -> k.grant().createdAt())
                        .thenComparing(ApiKey::keyId))
                .toList();
    }
}
