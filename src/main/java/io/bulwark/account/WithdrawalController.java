package io.bulwark.account;

import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Trader: pay collateral out, up to free collateral. */
@RestController
@RequestMapping("/api/v1/withdrawals")
class WithdrawalController {
    private final AccountService accounts;

    WithdrawalController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WithdrawalResponse withdraw(@AuthenticationPrincipal Caller caller, @Valid @RequestBody WithdrawalRequest request) {
        return accounts.withdraw(caller.accountId(), request.amount(), caller.actor());
    }
}
