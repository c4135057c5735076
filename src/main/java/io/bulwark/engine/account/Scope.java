package io.bulwark.engine.account;

/**
 * What a TRADER key may do (SPEC section 10 v2): read the account's state, enter and cancel orders, pay
 * collateral out. ADMIN and ORACLE keys are governed by their role alone.
 */
public enum Scope {
    READ,
    TRADE,
    WITHDRAW
}
