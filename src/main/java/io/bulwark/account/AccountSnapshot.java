package io.bulwark.account;

import io.bulwark.engine.EngineView;
import io.bulwark.web.socket.AccountSnapshotPart;
import java.util.function.Supplier;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code account} in the account channel's snapshot: what {@code GET /account} answers, at its sequence. */
@Component
@Order(1)
class AccountSnapshot implements AccountSnapshotPart {

    @Override
    public String field() {
        return "account";
    }

    @Override
    public Supplier<Object> read(EngineView view, String accountId) {
        AccountResponse account = AccountService.account(view, accountId).orElse(null);
        return () -> account;
    }
}
