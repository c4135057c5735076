package io.bulwark.web.socket;

import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses the handshake with 503 unless this instance is the writer: a standby has no engine to feed
 * the channels. (The standby guard filter normally answers first; this holds without it too.)
 */
final class WriterOnlyHandshake implements HandshakeInterceptor {
    private final EngineGateway gateway;

    WriterOnlyHandshake(EngineGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes)
            throws IOException {
        NodeStatus.Role role = gateway.nodeStatus().role();
        if (role == NodeStatus.Role.WRITER) {
            return true;
        }
        String code = role == NodeStatus.Role.STANDBY ? "NOT_WRITER" : "RECOVERING";
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"code\":\"" + code
                + "\",\"detail\":\"this instance is not the writer; connect to the writer\"}";
        response.getBody().write(body.getBytes(StandardCharsets.UTF_8));
        return false;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
