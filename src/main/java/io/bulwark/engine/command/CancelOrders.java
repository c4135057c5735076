package io.bulwark.engine.command;

import io.bulwark.engine.order.CancelReason;

/**
 * Cancels all of an account's live orders, in one market or (market empty) in all. {@code reason} is null for
 * the trader's own cancel-all ({@code USER}, and in every row written before the field existed);
 * {@code DISCONNECT} when a WebSocket connection that asked for cancel-on-disconnect closed.
 */
public record CancelOrders(String accountId, String market, CancelReason reason) implements Command {
    public CancelOrders(String accountId, String market) {
        this(accountId, market, null);
    }

    /** The reason the orders end with: the trader's own cancel unless said otherwise. */
    public CancelReason reasonOrUser() {
        return reason == null ? CancelReason.USER : reason;
    }
}
