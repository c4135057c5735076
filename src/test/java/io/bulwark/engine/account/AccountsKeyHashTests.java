package io.bulwark.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Accounts#hasKeyHash} answers from an index kept in step with the keys (issue 15: no scan per key). */
class AccountsKeyHashTests {
    private static ApiKey key(String id, String hash) {
        return new ApiKey(id, Role.TRADER, "1", hash, false, "");
    }

    @Test
    void aHashIsKnownWhileAKeyHoldsIt() {
        Accounts accounts = new Accounts();
        assertThat(accounts.hasKeyHash("h1")).isFalse();
        accounts.putKey(key("k1", "h1"));
        accounts.putKey(key("k2", "h1"));
        assertThat(accounts.hasKeyHash("h1")).isTrue();
        accounts.removeKey("k1");
        assertThat(accounts.hasKeyHash("h1")).isTrue();
        accounts.removeKey("k2");
        assertThat(accounts.hasKeyHash("h1")).isFalse();
    }

    @Test
    void replacingAKeyForgetsItsOldHash() {
        Accounts accounts = new Accounts();
        accounts.putKey(key("k1", "old"));
        accounts.putKey(key("k1", "new"));
        assertThat(accounts.hasKeyHash("old")).isFalse();
        assertThat(accounts.hasKeyHash("new")).isTrue();
        accounts.removeKey("k1");
        accounts.removeKey("k1");
        assertThat(accounts.hasKeyHash("new")).isFalse();
    }
}
