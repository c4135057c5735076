package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import java.util.HashMap;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Only the writer takes WebSocket connections: a standby has no engine to feed the channels. */
class WriterOnlyHandshakeTests {

    /** A gateway that only knows its role. */
    record NodeInRole(NodeStatus.Role role) implements EngineGateway {
        @Override
        public Outcome submit(Command command, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T query(Function<EngineView, T> query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PublicView publicView() {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeStatus nodeStatus() {
            return new NodeStatus(role, 1, 0, NodeStatus.Recovery.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(NodeStatus.Role.class)
    void acceptsTheHandshakeOnlyOnTheWriter(NodeStatus.Role role) throws Exception {
        MockHttpServletResponse servletResponse = new MockHttpServletResponse();
        ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);

        boolean accepted = new WriterOnlyHandshake(new NodeInRole(role))
                .beforeHandshake(
                        new ServletServerHttpRequest(new MockHttpServletRequest("GET", "/ws/v1")),
                        response,
                        null,
                        new HashMap<>());
        response.flush();

        assertThat(accepted).isEqualTo(role == NodeStatus.Role.WRITER);
        if (!accepted) {
            assertThat(servletResponse.getStatus()).isEqualTo(503);
            assertThat(servletResponse.getHeader("Retry-After")).isEqualTo("1");
            assertThat(servletResponse.getContentAsString())
                    .contains(role == NodeStatus.Role.STANDBY ? "NOT_WRITER" : "RECOVERING");
        }
    }
}
