package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which requests a node that is not the writer still serves, and how it refuses the others. */
class StandbyGuardFilterTests {

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @CsvSource({
        "WRITER,     GET,  /api/v1/markets,        200, ",
        "WRITER,     POST, /api/v1/withdrawals,    200, ",
        "STANDBY,    GET,  /api/v1/system/status,  200, ",
        "STANDBY,    GET,  /api/v1/system/time,    200, ",
        "STANDBY,    GET,  /actuator/health,       200, ",
        "STANDBY,    GET,  /livez,                 200, ",
        "STANDBY,    GET,  /readyz,                200, ",
        "STANDBY,    GET,  /livezx,                503, NOT_WRITER",
        "STANDBY,    GET,  /actuator/prometheus,   200, ",
        "STANDBY,    GET,  /api/v1/markets,        503, NOT_WRITER",
        "STANDBY,    POST, /api/v1/system/status,  503, NOT_WRITER",
        "STANDBY,    POST, /api/v1/withdrawals,    503, NOT_WRITER",
        "STANDBY,    GET,  /actuatorx,             503, NOT_WRITER",
        "RECOVERING, GET,  /api/v1/system/status,  200, ",
        "RECOVERING, GET,  /api/v1/system/time,    200, ",
        "RECOVERING, GET,  /api/v1/account,        503, RECOVERING",
        "RECOVERING, GET,  /api/v1/markets,        503, RECOVERING"
    })
    void guards(NodeStatus.Role role, String method, String path, int status, String code) throws Exception {
        StandbyGuardFilter filter =
                new StandbyGuardFilter(gatewayIn(role), new ProblemWriter(StrictJsonTests.mapper()));
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(status);
        if (code == null) {
            assertThat(chain.getRequest()).isSameAs(request);
        } else {
            assertThat(chain.getRequest()).isNull();
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getHeader("Retry-After")).isEqualTo("1");
            assertThat(response.getContentAsString()).contains("\"" + code + "\"");
        }
    }

    private static EngineGateway gatewayIn(NodeStatus.Role role) {
        return new EngineGateway() {
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
        };
    }
}
