package io.bulwark.journal;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.Outcome;
import io.bulwark.engine.command.Command;
import java.util.function.Function;

/**
 * The API's way into the engine. {@link #submit} returns only after the command is durable (or was
 * refused); {@link #query} runs on the engine thread and answers after everything submitted before it
 * is durable, so a client always reads its own acknowledged writes.
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

    NodeStatus nodeStatus();
}
