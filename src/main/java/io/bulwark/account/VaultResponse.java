package io.bulwark.account;

import java.math.BigDecimal;
import java.util.List;

/**
 * The system ledger accounts: {@code balance} of LIQUIDATOR_VAULT (the insurance fund), {@code fees}
 * (FEES) and {@code external} (EXTERNAL: minus the net deposits), with the vault's latest entries.
 */
record VaultResponse(BigDecimal balance, BigDecimal fees, BigDecimal external, List<LedgerEntryResponse> entries) {}
