package io.bulwark.engine.command;

/** A trader cancels all its live orders, in one market or (market empty) in all. */
public record CancelOrders(String accountId, String market) implements Command {}
