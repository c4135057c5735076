package io.bulwark.engine.command;

/** The passage of time: carries nothing but the timestamp the sequencer stamps on every command. */
public record Tick() implements Command {}
