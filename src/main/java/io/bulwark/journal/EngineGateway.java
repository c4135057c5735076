package io.bulwark.journal;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Outcome;
import java.util.List;
import java.util.function.Function;

/**
 * The API's way into the engine. {@link #submit} returns only after the command is durable (or was
 * refused); {@link #query} runs on the engine thread and answers after everything submitted before it
 * is durable, so a client always reads its own acknowledged writes; {@link #publicView} answers what
 * anyone may read without entering the engine's queue.
 */
public interface EngineGateway {

    /**
     * Sequences, applies and journals {@code command}.
     *
     * @param actor who asked (key id, or {@code system:<component>}), recorded in the journal
     * @throws NotWriterException on a standby instance
     * @throws EngineUnavailableException while recovering, or when the engine stopped
     */
    Outcome submit(Command command, String actor);

    /**
     * Sequences, applies and journals {@code commands} in order, one after another with no other command
     * between them, in one journal commit; returns their outcomes in order (a refused command does not stop
     * the ones after it). Either all of them are durable when this returns, or none was applied (it throws).
     * The default submits them one by one, for gateways without a journal.
     */
    default List<Outcome> submitAll(List<Command> commands, String actor) {
        return commands.stream().map(c -> submit(c, actor)).toList();
    }

    <T> T query(Function<EngineView, T> query);

    /**
     * What anyone may read, as the engine published it after the last commit (SPEC section 10, v2 Limits):
     * never waits in the engine's queue behind orders. It contains every acknowledged command.
     *
     * @throws NotWriterException on a standby instance
     * @throws EngineUnavailableException while recovering
     */
    PublicView publicView();

    NodeStatus nodeStatus();
}
