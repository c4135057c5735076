package io.bulwark.web.socket;

/**
 * What happens when a connection that asked for {@code cancelOnDisconnect} closes, for any reason (SPEC
 * section 11 v2): the order feature cancels every live order of the account with reason DISCONNECT, as a
 * journaled command. The socket layer only reports the close.
 */
@FunctionalInterface
public interface CancelOnDisconnect {
    /** The connection closed: cancel the account's live orders, journaled under {@code actor} (the key id). */
    void connectionClosed(String accountId, String actor);
}
