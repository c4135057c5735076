package io.bulwark.web;

import io.bulwark.engine.Engine;
import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A gateway straight onto a real engine, without journal or threads, that remembers what it was sent. */
public final class InMemoryGateway implements EngineGateway {
    private final Engine engine = new Engine();
    private final List<Command> submitted = new ArrayList<>();
    private long clock = 1_700_000_000_000L;

    @Override
    public Outcome submit(Command command, String actor) {
        submitted.add(command);
        return engine.apply(command, clock++);
    }

    @Override
    public <T> T query(Function<EngineView, T> query) {
        return query.apply(engine);
    }

    @Override
    public PublicView publicView() {
        return engine.publicView();
    }

    @Override
    public NodeStatus nodeStatus() {
        return new NodeStatus(NodeStatus.Role.WRITER, 1, engine.lastSequence(), NodeStatus.Recovery.NONE);
    }

    public List<Command> submitted() {
        return List.copyOf(submitted);
    }

    public void forget() {
        submitted.clear();
    }
}
