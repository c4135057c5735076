package io.bulwark.web.socket;

import io.bulwark.web.security.ClientAddress;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Notes the client's address at the handshake ({@link ClientAddress}: {@code X-Forwarded-For} only from a
 * trusted proxy), so {@code auth} applies a key's allowed addresses as REST does.
 */
final class ClientAddressHandshake implements HandshakeInterceptor {
    private static final String ATTRIBUTE = ClientAddressHandshake.class.getName() + ".address";

    private final ClientAddress address;

    ClientAddressHandshake(ClientAddress address) {
        this.address = address;
    }

    /** The address noted for this session; empty (no allowed address matches it) if none was. */
    static String of(WebSocketSession socket) {
        return socket.getAttributes().get(ATTRIBUTE) instanceof String a ? a : "";
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request instanceof ServletServerHttpRequest servlet) {
            attributes.put(ATTRIBUTE, address.of(servlet.getServletRequest()));
        }
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
