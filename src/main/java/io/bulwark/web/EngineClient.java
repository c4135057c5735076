package io.bulwark.web;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.EngineGateway;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The API side of {@link EngineGateway}: submits a command and turns an engine refusal into the
 * matching {@link ApiException}, so services deal only with what happened.
 */
@Component
public class EngineClient {
    private final EngineGateway gateway;

    public EngineClient(EngineGateway gateway) {
        this.gateway = gateway;
    }

    /** Applied or AlreadyApplied; a refusal is thrown as its {@link ApiException}. */
    public Outcome.Accepted submit(Command command, String actor) {
        return switch (gateway.submit(command, actor)) {
            case Outcome.Accepted accepted -> accepted;
            case Outcome.Rejected rejected -> throw ApiException.of(rejected.rejection());
        };
    }

    /** For commands that have no idempotent repeat: the outcome must be Applied. */
    public Outcome.Applied apply(Command command, String actor) {
        return switch (submit(command, actor)) {
            case Outcome.Applied applied -> applied;
            case Outcome.AlreadyApplied repeat ->
                throw new IllegalStateException("unexpected idempotent repeat: " + repeat.detail());
        };
    }

    /**
     * Applies {@code commands} in order in one journal commit, with no other command between them (see {@link
     * EngineGateway#submitAll}); their outcomes in order, refusals included: one refused command does not stop
     * the others.
     */
    public List<Outcome> submitAll(List<Command> commands, String actor) {
        return commands.isEmpty() ? List.of() : gateway.submitAll(commands, actor);
    }

    public <T> T query(Function<EngineView, T> query) {
        return gateway.query(query);
    }

    /**
     * The newest durable journal sequence (0 on a standby). Every read model is written in the journal's
     * transaction, so a read-model query started after this call reflects at least this sequence.
     */
    public long committedSequence() {
        return gateway.nodeStatus().lastCommittedSequence();
    }

    /** What anyone may read, as of the last commit: never queued behind orders (see {@link PublicView}). */
    public PublicView publicView() {
        return gateway.publicView();
    }

    /** The events of one type that a command produced, in order. */
    public static <E extends Event> List<E> events(Outcome.Applied applied, Class<E> type) {
        return applied.events().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The first event of one type that a command produced; its absence is a programming error. */
    public static <E extends Event> E event(Outcome.Applied applied, Class<E> type) {
        return events(applied, type).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " in " + applied));
    }
}
