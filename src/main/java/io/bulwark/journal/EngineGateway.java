package io.bulwark.journal;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Outcome;
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
