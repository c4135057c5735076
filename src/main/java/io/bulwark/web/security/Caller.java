package io.bulwark.web.security;

import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling: the authenticated API key. {@code accountId} is the trader's account, empty for
 * ADMIN and ORACLE keys; {@code source} is the oracle source an ORACLE key is bound to, empty for every
 * other key (and for an ORACLE key issued before keys were bound to sources); {@code scopes} are what a
 * TRADER key may do (SPEC section 10 v2). Controllers take it with {@code @AuthenticationPrincipal Caller
 * caller}.
 */
public record Caller(String keyId, Role role, String accountId, String source, Set<Scope> scopes) {

    public Caller(String keyId, Role role, String accountId, String source) {
        this(keyId, role, accountId, source, EnumSet.allOf(Scope.class));
    }

    /** The actor recorded in the journal for commands this caller submits. */
    public String actor() {
        return keyId;
    }
}
