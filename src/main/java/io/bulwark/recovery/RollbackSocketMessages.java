package io.bulwark.recovery;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.RolledBack;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import org.springframework.stereotype.Component;

/** {@code rollback} on the status channel: the state was restored to a snapshot, under a new epoch. */
@Component
class RollbackSocketMessages implements SocketMessages {

    record RollbackMessage(long epoch, String snapshotId, long snapshotSequence, String reason) {}

    @Override
    public Pass pass() {
        return Pass.LEDGER_AND_STATE;
    }

    @Override
    public void publish(Event event, ChannelPublisher out) {
        if (event instanceof RolledBack r) {
            out.toStatus("rollback", new RollbackMessage(r.epoch(), r.snapshotId(), r.snapshotSequence(), r.reason()));
        }
    }
}
