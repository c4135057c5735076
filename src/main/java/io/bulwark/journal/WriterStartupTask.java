package io.bulwark.journal;

/**
 * Work a new writer does after recovery and before it reports itself WRITER: seeding markets,
 * bootstrapping the admin key. Tasks run in {@code @Order}; the gateway given here accepts commands.
 */
public interface WriterStartupTask {
    void onWriterReady(EngineGateway gateway);
}
