package io.bulwark.web.socket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WebSocket limits ({@code bulwark.websocket.*}).
 *
 * @param maxFrameBytes a client frame larger than this closes the session with 1009 (message too big)
 * @param outboundQueueMessages messages queued for one session before it counts as a slow consumer and is
 *     disconnected (1008): a slow client never slows the journal thread
 * @param maxSubscriptions subscriptions one session may hold
 * @param maxAuthFailures failed {@code auth} attempts before the session is closed (1008)
 * @param pingInterval how often the server pings each session
 * @param pongTimeout a session that answered no ping and sent nothing for this long is closed
 * @param sendTimeout how long one blocked socket write may take before the session is dropped
 * @param maxConnectionsPerAddress open sessions one client address ({@code ClientNetwork}: an IPv4 address or an
 *     IPv6 /64) may hold; the handshake past it is refused with 429
 * @param operationsPerSecond frames per second one session may send (each text or binary frame, {@code ping}
 *     included); a session past it is closed with 1008
 * @param operationsBurst frames one session may send at once after a quiet period
 */
@ConfigurationProperties("bulwark.websocket")
record SocketProperties(
        @DefaultValue("16384") int maxFrameBytes,
        @DefaultValue("1024") int outboundQueueMessages,
        @DefaultValue("64") int maxSubscriptions,
        @DefaultValue("5") int maxAuthFailures,
        @DefaultValue("20s") Duration pingInterval,
        @DefaultValue("50s") Duration pongTimeout,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("20") int maxConnectionsPerAddress,
        @DefaultValue("10") long operationsPerSecond,
        @DefaultValue("20") long operationsBurst) {

    SocketProperties {
        if (maxConnectionsPerAddress < 1 || operationsPerSecond < 1 || operationsBurst < 1) {
            throw new IllegalArgumentException("bulwark.websocket.max-connections-per-address, operations-per-second"
                    + " and operations-burst must be at least 1");
        }
    }
}
