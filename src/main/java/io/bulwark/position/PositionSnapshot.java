package io.bulwark.position;

import io.bulwark.engine.EngineView;
import io.bulwark.web.socket.AccountSnapshotPart;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code positions} in the account channel's snapshot: what {@code GET /positions} answers, at its sequence. */
@Component
@Order(2)
class PositionSnapshot implements AccountSnapshotPart {

    @Override
    public String field() {
        return "positions";
    }

    @Override
    public Supplier<Object> read(EngineView view, String accountId) {
        List<PositionResponse> positions = PositionController.positions(view, accountId);
        return () -> positions;
    }
}
