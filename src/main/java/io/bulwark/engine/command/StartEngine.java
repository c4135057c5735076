package io.bulwark.engine.command;

/**
 * A writer term begins (a start or a recovery): prices carried over are distrusted until fresh
 * updates confirm them, so nothing acts on a stale price after a restart.
 */
public record StartEngine(String instance) implements Command {}
