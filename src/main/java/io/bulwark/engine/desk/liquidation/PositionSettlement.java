package io.bulwark.engine.desk.liquidation;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.PositionChanged;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.state.Market;
import java.math.BigDecimal;
import java.util.List;

/** What a position moved by a liquidation or a deleveraging books: its realized PnL and its new shape. */
final class PositionSettlement {
    private final Ledger ledger;

    PositionSettlement(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Pays {@code realized} (signed) between the settlement account and the account. */
    void settle(String accountId, BigDecimal realized, String ref, List<Event> events) {
        ledger.transferSigned(Ledger.SETTLEMENT, accountId, realized, TransferKind.REALIZED_PNL, ref)
                .ifPresent(events::add);
    }

    /** Positions moved by a liquidation reach the positions read model like those moved by a fill. */
    static void positionChanged(String accountId, Market m, Position p, List<Event> events) {
        BigDecimal step = m.spec().stepSize();
        events.add(new PositionChanged(
                accountId, m.spec().market(), p.size(step), p.entryPrice(step), p.costBasis(), p.realizedPnl()));
    }
}
