package io.bulwark.account;

import io.bulwark.engine.ledger.Ledger;
import io.bulwark.web.EngineClient;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin: the insurance fund and the other system accounts. */
@RestController
@RequestMapping("/api/v1/admin/vault")
class VaultController {
    private final EngineClient engine;
    private final LedgerHistory ledger;

    VaultController(EngineClient engine, LedgerHistory ledger) {
        this.engine = engine;
        this.ledger = ledger;
    }

    @GetMapping
    VaultResponse vault(
            @RequestParam(defaultValue = "" + LedgerHistory.DEFAULT_LIMIT) @Min(1) @Max(LedgerHistory.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before) {
        List<BigDecimal> balances = engine.query(view -> List.of(
                view.balance(Ledger.LIQUIDATOR_VAULT), view.balance(Ledger.FEES), view.balance(Ledger.EXTERNAL)));
        List<LedgerEntryResponse> entries = ledger.page(Ledger.LIQUIDATOR_VAULT, limit, before);
        return new VaultResponse(balances.get(0), balances.get(1), balances.get(2), entries);
    }
}
