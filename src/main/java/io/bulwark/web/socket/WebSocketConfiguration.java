package io.bulwark.web.socket;

import io.bulwark.journal.EngineGateway;
import io.bulwark.web.security.ClientAddress;
import io.bulwark.web.security.CorsProperties;
import io.bulwark.web.security.KeyAuthenticator;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistration;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The {@code /ws/v1} endpoint and its channels. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(SocketProperties.class)
class WebSocketConfiguration {
    static final String PATH = "/ws/v1";

    @Bean
    WebSocketConfigurer socketEndpointRegistration(
            SocketEndpoint endpoint,
            EngineGateway gateway,
            SocketProperties properties,
            ClientAddress clientAddress,
            SocketSessions sessions,
            CorsProperties cors) {
        return (WebSocketHandlerRegistry registry) -> allowOrigins(
                registry.addHandler(endpoint, PATH)
                        .addInterceptors(
                                new WriterOnlyHandshake(gateway),
                                new ClientAddressHandshake(clientAddress),
                                new ConnectionsPerAddress(
                                        clientAddress, sessions, properties.maxConnectionsPerAddress())),
                cors);
    }

    /**
     * The handshake takes the origins of {@code bulwark.http.cors.allowed-origins}, exactly (a refused one gets
     * 403), and any origin while that list is empty: keys travel inside the session, never as cookies, so a
     * foreign page gains nothing it could not read from the public channels. A client that sends no {@code
     * Origin} (a bot) is always accepted.
     */
    private static void allowOrigins(WebSocketHandlerRegistration registration, CorsProperties cors) {
        if (cors.allowedOrigins().isEmpty()) {
            registration.setAllowedOriginPatterns("*");
        } else {
            registration.setAllowedOrigins(cors.allowedOrigins().toArray(String[]::new));
        }
    }

    @Bean
    ServerMessages serverMessages(JsonMapper json) {
        return new ServerMessages(json);
    }

    @Bean
    SocketMetrics socketMetrics(MeterRegistry registry) {
        return new SocketMetrics(registry);
    }

    @Bean
    KnownMarkets knownMarkets() {
        return new KnownMarkets();
    }

    @Bean
    SocketSessions socketSessions(
            ObjectProvider<EngineGateway> gateway, SocketMetrics metrics, SocketProperties properties) {
        return new SocketSessions(gateway, metrics, properties);
    }

    @Bean
    StatusChannel statusChannel(ServerMessages messages) {
        return new StatusChannel(messages);
    }

    @Bean
    AccountChannel accountChannel(
            ServerMessages messages,
            ObjectProvider<EngineGateway> gateway,
            ObjectProvider<AccountSnapshotPart> parts,
            SocketProperties properties) {
        return new AccountChannel(
                messages, gateway::getObject, () -> parts.orderedStream().toList(), properties.outboundQueueMessages());
    }

    @Bean
    MarketChannels marketChannels(
            ServerMessages messages, ObjectProvider<SnapshotSource> sources, SocketProperties properties) {
        List<SnapshotSource> all = sources.orderedStream().toList();
        return new MarketChannels(messages, all, properties.outboundQueueMessages());
    }

    @Bean
    ClientRequests clientRequests(
            ServerMessages messages,
            KeyAuthenticator keys,
            KnownMarkets markets,
            StatusChannel status,
            AccountChannel accounts,
            MarketChannels marketChannels,
            SocketSessions sessions,
            SocketMetrics metrics,
            SocketProperties properties,
            ObjectProvider<OrderOps> orderOps,
            JsonMapper json) {
        return new ClientRequests(
                messages,
                keys,
                markets,
                status,
                accounts,
                marketChannels,
                sessions,
                metrics,
                properties,
                new OrderEntry(orderOps::getObject, json));
    }

    /** The one journal listener of the socket side; the features' {@link SocketMessages} beans do the rest. */
    @Bean
    SocketFeed socketFeed(
            ObjectProvider<SocketMessages> features,
            StatusChannel status,
            AccountChannel accounts,
            MarketChannels marketChannels,
            KnownMarkets markets,
            ClientRequests requests) {
        return new SocketFeed(features.orderedStream().toList(), status, accounts, marketChannels, markets, requests);
    }

    @Bean
    SocketEndpoint socketEndpoint(
            SocketSessions sessions,
            ClientRequests requests,
            ServerMessages messages,
            SocketMetrics metrics,
            SocketProperties properties,
            JsonMapper json,
            ObjectProvider<TimeMeter> clock,
            ObjectProvider<CancelOnDisconnect> cancelOnDisconnect) {
        return new SocketEndpoint(
                sessions,
                new ClientFrameParser(json),
                requests,
                messages,
                metrics,
                properties,
                clock.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME),
                // Looked up at close time: the order feature's beans need the engine, built after the channels.
                (accountId, actor) -> cancelOnDisconnect.ifAvailable(c -> c.connectionClosed(accountId, actor)));
    }
}
