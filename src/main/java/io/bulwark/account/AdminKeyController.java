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

/** Admin: ADMIN and ORACLE keys. */
@RestController
@RequestMapping("/api/v1/admin/keys")
class AdminKeyController {
    private final KeyService keys;

    AdminKeyController(KeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKeyResponse issue(@AuthenticationPrincipal Caller caller, @Valid @RequestBody IssueKeyRequest request) {
        return keys.issue(request.role(), request.source(), caller.actor());
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Caller caller, @PathVariable String keyId) {
        keys.revoke(keyId, caller.actor());
    }

    @GetMapping
    List<KeyResponse> list() {
        return keys.all();
    }
}
