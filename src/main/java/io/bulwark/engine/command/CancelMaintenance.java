package io.bulwark.engine.command;

/** Calls off a scheduled or active maintenance window; an exchange it already closed stays CLOSED. */
public record CancelMaintenance(String windowId, String actor) implements Command {}
