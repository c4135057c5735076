package io.bulwark.web.security;

import io.bulwark.engine.account.Role;

/**
 * Who is calling: the authenticated API key. {@code accountId} is the trader's account, empty for
 * ADMIN and ORACLE keys; {@code source} is the oracle source an ORACLE key is bound to, empty for every
 * other key (and for an ORACLE key issued before keys were bound to sources). Controllers take it with
 * {@code @AuthenticationPrincipal Caller caller}.
 */
public record Caller(String keyId, Role role, String accountId, String source) {

    /** The actor recorded in the journal for commands this caller submits. */
    public String actor() {
        return keyId;
    }
}
