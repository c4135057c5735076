package io.bulwark.account;

import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Trader: the keys of the caller's own account (SPEC section 10 v2). */
@RestController
@RequestMapping("/api/v1/keys")
class KeyController {
    private final KeyService keys;

    KeyController(KeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedTraderKeyResponse issue(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody NewTraderKeyRequest request) {
        return keys.issueOwn(caller, request);
    }

    @GetMapping
    List<TraderKeyResponse> list(@AuthenticationPrincipal Caller caller) {
        return keys.keysOf(caller.accountId());
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Caller caller, @PathVariable String keyId) {
        keys.revokeOwn(caller, keyId);
    }
}
