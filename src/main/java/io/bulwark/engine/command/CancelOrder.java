package io.bulwark.engine.command;

/** A trader cancels one of its own live orders. */
public record CancelOrder(String accountId, String orderId) implements Command {}
