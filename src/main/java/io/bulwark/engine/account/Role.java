package io.bulwark.engine.account;

/** What an API key may do. A TRADER key is bound to exactly one account. */
public enum Role {
    TRADER,
    ADMIN,
    ORACLE
}
