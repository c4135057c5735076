package io.bulwark.account;

import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: open trading accounts, issue them further keys, and credit deposits (also to LIQUIDATOR_VAULT, the
 * insurance fund).
 */
@RestController
@RequestMapping("/api/v1/admin/accounts")
class AdminAccountController {
    private final AccountService accounts;
    private final KeyService keys;

    AdminAccountController(AccountService accounts, KeyService keys) {
        this.accounts = accounts;
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountCreatedResponse create(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody CreateAccountRequest request) {
        return accounts.create(request.name(), caller.actor());
    }

    /** 201 for a new deposit, 200 with the original for a repeat of the same reference and body. */
    @PostMapping("/{accountId}/deposits")
    ResponseEntity<DepositResponse> deposit(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String accountId,
            @Valid @RequestBody DepositRequest request) {
        AccountService.DepositResult result =
                accounts.deposit(accountId, request.amount(), request.reference(), caller.actor());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result.deposit());
    }

    /** A further TRADER key for the account (one that lost its own): 404 for an unknown account. */
    @PostMapping("/{accountId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedTraderKeyResponse issueKey(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String accountId,
            @Valid @RequestBody NewTraderKeyRequest request) {
        return keys.issueFor(accountId, request, caller.actor());
    }
}
