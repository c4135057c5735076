package io.bulwark.account;

import io.bulwark.web.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trader: the caller's own account (current state from the engine) and ledger (history from tables). */
@RestController
@RequestMapping("/api/v1/account")
class AccountController {
    private final AccountService accounts;
    private final LedgerHistory ledger;

    AccountController(AccountService accounts, LedgerHistory ledger) {
        this.accounts = accounts;
        this.ledger = ledger;
    }

    @GetMapping
    ResponseEntity<AccountResponse> account(@AuthenticationPrincipal Caller caller) {
        return accounts.account(caller.accountId()).response();
    }

    @GetMapping("/ledger")
    List<LedgerEntryResponse> ledger(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "" + LedgerHistory.DEFAULT_LIMIT) @Min(1) @Max(LedgerHistory.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before) {
        return ledger.page(caller.accountId(), limit, before);
    }
}
