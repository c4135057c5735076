package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeyDirectoryTests {
    private final KeyDirectory directory = new KeyDirectory();

    private static ApiKeyIssued issued(String id, Role role, String account) {
        return new ApiKeyIssued(id, role, account, ApiKeySecret.hash(id + "-secret"), null);
    }

    private static Committed committed(long sequence, Event... events) {
        return new Committed(sequence, 0, new TakeSnapshot("test"), List.of(events), "test");
    }

    @Test
    void findsAnIssuedKeyByItsHash() {
        directory.onCommitted(List.of(committed(1, issued("key_a", Role.TRADER, "1"))));
        assertThat(directory.findByHash(ApiKeySecret.hash("key_a-secret")))
                .contains(new ApiKey("key_a", Role.TRADER, "1", ApiKeySecret.hash("key_a-secret"), false, ""));
        assertThat(directory.findByHash(ApiKeySecret.hash("other"))).isEmpty();
    }

    @Test
    void forgetsARevokedKey() {
        directory.apply(List.of(issued("key_a", Role.ADMIN, "")));
        directory.apply(List.of(new ApiKeyRevoked("key_a")));
        assertThat(directory.findByHash(ApiKeySecret.hash("key_a-secret"))).isEmpty();
    }

    @Test
    void aKeyIssuedAndRevokedInOneBatchIsForgotten() {
        directory.onCommitted(
                List.of(committed(1, issued("key_a", Role.ADMIN, "")), committed(2, new ApiKeyRevoked("key_a"))));
        assertThat(directory.findByHash(ApiKeySecret.hash("key_a-secret"))).isEmpty();
    }

    @Test
    void hearsOfEachCommitBeforeItsRepliesLeave() {
        assertThat(directory.beforeReplies()).isTrue();
    }

    @Test
    void reloadsEverythingFromTheEngineAfterRecovery() {
        directory.apply(List.of(issued("key_stale", Role.ADMIN, "")));
        List<ApiKey> engineKeys = List.of(
                new ApiKey("key_live", Role.ORACLE, "", ApiKeySecret.hash("key_live-secret"), false, "feed"),
                new ApiKey("key_gone", Role.ADMIN, "", ApiKeySecret.hash("key_gone-secret"), true, ""));
        directory.onRecovered(gatewayWith(engineKeys));
        assertThat(directory.findByHash(ApiKeySecret.hash("key_live-secret"))).isPresent();
        assertThat(directory.findByHash(ApiKeySecret.hash("key_gone-secret"))).isEmpty();
        assertThat(directory.findByHash(ApiKeySecret.hash("key_stale-secret"))).isEmpty();
    }

    private static EngineGateway gatewayWith(List<ApiKey> keys) {
        EngineView view = (EngineView) Proxy.newProxyInstance(
                EngineView.class.getClassLoader(), new Class<?>[] {EngineView.class}, (proxy, method, args) -> {
                    if (method.getName().equals("apiKeys")) {
                        return keys;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new EngineGateway() {
            @Override
            public Outcome submit(Command command, String actor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> T query(Function<EngineView, T> query) {
                return query.apply(view);
            }

            @Override
            public PublicView publicView() {
                throw new UnsupportedOperationException();
            }

            @Override
            public NodeStatus nodeStatus() {
                return new NodeStatus(NodeStatus.Role.WRITER, 1, 0, NodeStatus.Recovery.NONE);
            }
        };
    }
}
