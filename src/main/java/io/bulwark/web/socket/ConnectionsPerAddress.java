package io.bulwark.web.socket;

import io.bulwark.web.security.ClientAddress;
import io.bulwark.web.security.ClientNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses the handshake, before the upgrade, with 429 {@code RATE_LIMITED} when the client's address
 * ({@link ClientAddress}, counted by {@link ClientNetwork}) already holds {@code max-connections-per-address} open
 * sessions, and hands the network to the session for counting. Handshakes that race past this check are closed
 * with 1008 right after they open ({@link SocketEndpoint}), so the limit holds either way.
 */
final class ConnectionsPerAddress implements HandshakeInterceptor {
    static final String NETWORK = ConnectionsPerAddress.class.getName() + ".network";

    private final ClientAddress clientAddress;
    private final SocketSessions sessions;
    private final int max;

    ConnectionsPerAddress(ClientAddress clientAddress, SocketSessions sessions, int max) {
        this.clientAddress = clientAddress;
        this.sessions = sessions;
        this.max = max;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes)
            throws IOException {
        String address = request instanceof ServletServerHttpRequest servlet
                ? clientAddress.of(servlet.getServletRequest())
                : request.getRemoteAddress().getAddress().getHostAddress();
        String network = ClientNetwork.of(address);
        attributes.put(NETWORK, network);
        if (!sessions.full(network)) {
            return true;
        }
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"code\":\"RATE_LIMITED\",\"detail\":\"this address has " + max
                + " WebSocket connections open, the most allowed; close one first\"}";
        response.getBody().write(body.getBytes(StandardCharsets.UTF_8));
        return false;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
