package io.bulwark.account;

import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trader: pay collateral out, up to the withdrawable collateral, idempotent by the client's
 * {@code reference}.
 */
@RestController
@RequestMapping("/api/v1/withdrawals")
class WithdrawalController {
    private final AccountService accounts;

    WithdrawalController(AccountService accounts) {
        this.accounts = accounts;
    }

    /** 201 for a new withdrawal, 200 with the original for a repeat of the same reference and amount. */
    @PostMapping
    ResponseEntity<WithdrawalResponse> withdraw(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody WithdrawalRequest request) {
        AccountService.WithdrawalResult result =
                accounts.withdraw(caller.accountId(), request.amount(), request.reference(), caller.actor());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result.withdrawal());
    }
}
