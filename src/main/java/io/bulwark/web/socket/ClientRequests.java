package io.bulwark.web.socket;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import io.bulwark.web.security.KeyAuthenticator;
import java.util.List;
import java.util.Optional;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Carries out what a client asks: subscribe, unsubscribe, auth, ping; {@code order.*} ops go to {@link OrderEntry}. Runs on the session's inbound
 * thread (one frame at a time per session); a refusal is a {@link ProtocolException}.
 */
final class ClientRequests {
    private static final CloseStatus AUTH_FAILURES =
            CloseStatus.POLICY_VIOLATION.withReason("too many failed auth attempts");

    private final ServerMessages messages;
    private final KeyAuthenticator keys;
    private final KnownMarkets markets;
    private final StatusChannel status;
    private final AccountChannel accounts;
    private final MarketChannels marketChannels;
    private final SocketSessions sessions;
    private final SocketMetrics metrics;
    private final SocketProperties properties;
    private final OrderEntry orders;

    ClientRequests(
            ServerMessages messages,
            KeyAuthenticator keys,
            KnownMarkets markets,
            StatusChannel status,
            AccountChannel accounts,
            MarketChannels marketChannels,
            SocketSessions sessions,
            SocketMetrics metrics,
            SocketProperties properties,
            OrderEntry orders) {
        this.messages = messages;
        this.keys = keys;
        this.markets = markets;
        this.status = status;
        this.accounts = accounts;
        this.marketChannels = marketChannels;
        this.sessions = sessions;
        this.metrics = metrics;
        this.properties = properties;
        this.orders = orders;
    }

    void handle(ClientSession session, ClientOp op, JsonNode id) {
        switch (op) {
            case ClientOp.Subscribe s -> subscribe(session, Subscription.of(s), id);
            case ClientOp.Unsubscribe u -> unsubscribe(session, Subscription.of(u), id);
            case ClientOp.Auth a -> authenticate(session, a.apiKey(), a.cancelOnDisconnect(), id);
            case ClientOp.Ping p -> session.send(messages.pong(id));
            case ClientOp.Order o -> orders.submit(session, o.request(), id);
        }
    }

    private void subscribe(ClientSession session, Subscription subscription, JsonNode id) {
        Channel channel = subscription.channel();
        if (channel.perMarket() && !markets.contains(subscription.market())) {
            throw new ProtocolException(ErrorCode.UNKNOWN_MARKET, "no market '" + subscription.market() + "'");
        }
        if (channel.perInterval() && !marketChannels.get(channel).takesInterval(subscription.interval())) {
            throw new ProtocolException(
                    ErrorCode.UNKNOWN_INTERVAL,
                    "no interval '" + subscription.interval() + "'; intervals: "
                            + String.join(", ", marketChannels.get(channel).intervals()));
        }
        Optional<ApiKey> trader = channel == Channel.ACCOUNT ? Optional.of(trader(session)) : Optional.empty();
        boolean repeat = session.subscriptions().contains(subscription);
        if (!repeat && session.subscriptions().size() >= properties.maxSubscriptions()) {
            throw new ProtocolException(
                    ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "a session may hold at most " + properties.maxSubscriptions() + " subscriptions");
        }
        // A repeat starts over: a client that saw a gap gets a fresh snapshot.
        detach(session, subscription);
        session.subscriptions().add(subscription);
        try {
            attach(session, subscription, trader, messages.subscribed(subscription, id));
        } catch (RuntimeException e) {
            detach(session, subscription);
            throw e;
        }
        if (!session.isOpen()) {
            // Closed while subscribing: its cleanup may have run before the channel knew it.
            detach(session, subscription);
        }
    }

    private void attach(ClientSession session, Subscription subscription, Optional<ApiKey> trader, String ack) {
        switch (subscription.channel()) {
            case STATUS -> status.add(session, ack);
            case ACCOUNT -> accounts.subscribe(trader.orElseThrow().accountId(), session, ack);
            default -> marketChannels.get(subscription.channel()).subscribe(session, subscription.key(), ack);
        }
    }

    private ApiKey trader(ClientSession session) {
        ApiKey key = session.key()
                .orElseThrow(() -> new ProtocolException(
                        ErrorCode.UNAUTHENTICATED, "the account channel needs {\"op\":\"auth\",\"apiKey\":...} first"));
        if (key.role() != Role.TRADER) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "the account channel needs a TRADER key");
        }
        if (keys.expired(key)) {
            throw new ProtocolException(ErrorCode.UNAUTHENTICATED, "the API key has expired");
        }
        if (!key.grant().has(Scope.READ)) {
            throw new ProtocolException(
                    ErrorCode.SCOPE_REQUIRED, "the account channel needs a key with the READ scope");
        }
        return key;
    }

    private void unsubscribe(ClientSession session, Subscription subscription, JsonNode id) {
        detach(session, subscription);
        session.send(messages.unsubscribed(subscription, id));
    }

    /** Removes one subscription of a session from its channel, if the session holds it. */
    void detach(ClientSession session, Subscription subscription) {
        if (!session.subscriptions().remove(subscription)) {
            return;
        }
        switch (subscription.channel()) {
            case STATUS -> status.remove(session);
            case ACCOUNT -> session.key().ifPresent(k -> accounts.remove(k.accountId(), session));
            default -> marketChannels.get(subscription.channel()).unsubscribe(session, subscription.key());
        }
    }

    /** Runs {@code action} after the session's order op running now, if any ({@link OrderEntry#afterOps}). */
    void afterOrderOps(ClientSession session, Runnable action) {
        orders.afterOps(session, action);
    }

    void detachAll(ClientSession session) {
        session.subscriptions().forEach(s -> detach(session, s));
    }

    private void authenticate(ClientSession session, String apiKey, boolean cancelOnDisconnect, JsonNode id) {
        if (session.key().isPresent()) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "this session is already authenticated; open another connection for another key");
        }
        // The same rules as REST: known, not revoked, not expired, from an allowed address.
        String reason = switch (keys.authenticate(apiKey, session.address())) {
            case KeyAuthenticator.Accepted accepted -> {
                if (cancelOnDisconnect) {
                    requireTrade(accepted.key());
                    session.cancelOnDisconnect(accepted.key());
                }
                session.authenticate(accepted.key());
                session.send(messages.authenticated(accepted.key(), id));
                yield null;
            }
            case KeyAuthenticator.Refused refused -> refused.reason();
        };
        if (reason == null) {
            return;
        }
        if (session.authFailed() >= properties.maxAuthFailures()) {
            session.send(messages.error(ErrorCode.UNAUTHENTICATED, reason, id));
            if (session.close(AUTH_FAILURES)) {
                metrics.disconnected("auth_failures");
            }
            return;
        }
        throw new ProtocolException(ErrorCode.UNAUTHENTICATED, reason);
    }

    /** Cancel-on-disconnect cancels orders, so it needs a TRADER key with TRADE; asking without is an error. */
    private static void requireTrade(ApiKey key) {
        if (key.role() != Role.TRADER) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "cancelOnDisconnect needs a TRADER key");
        }
        if (!key.grant().has(Scope.TRADE)) {
            throw new ProtocolException(
                    ErrorCode.SCOPE_REQUIRED, "cancelOnDisconnect needs a key with the TRADE scope");
        }
    }

    /** A key was revoked: its sessions lose their authentication and their account subscription. */
    void revoked(String keyId) {
        Subscription account = new Subscription(Channel.ACCOUNT, "");
        // Runs on the journal thread, concurrently with the sessions' own requests; each step is safe alone.
        for (ClientSession session : sessionsOf(keyId)) {
            detach(session, account);
            session.forgetKey();
            session.send(messages.error(
                    ErrorCode.UNAUTHENTICATED, "the API key was revoked", account, MissingNode.getInstance()));
        }
    }

    private List<ClientSession> sessionsOf(String keyId) {
        return sessions.all().stream()
                .filter(s -> s.key().map(k -> k.keyId().equals(keyId)).orElse(false))
                .toList();
    }
}
