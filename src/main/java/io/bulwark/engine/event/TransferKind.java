package io.bulwark.engine.event;

/** Why money moved between two ledger accounts. */
public enum TransferKind {
    DEPOSIT,
    WITHDRAWAL,
    TRADING_FEE,
    REALIZED_PNL,
    FUNDING,
    LIQUIDATION_FEE,
    BAD_DEBT_COVER,
    REFUND
}
