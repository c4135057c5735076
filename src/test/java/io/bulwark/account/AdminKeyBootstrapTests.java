package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.web.InMemoryGateway;
import io.bulwark.web.security.ApiKeySecret;
import io.bulwark.web.security.KeyHasher;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminKeyBootstrapTests {
    private static final String CONFIGURED = "operator-chosen-admin-key";
    private static final KeyHasher HASHER = new KeyHasher("bootstrap-tests-secret");
    private final InMemoryGateway gateway = new InMemoryGateway();

    private List<ApiKey> activeAdmins() {
        return gateway.query(v -> v.apiKeys().stream()
                .filter(k -> k.role() == Role.ADMIN && !k.revoked())
                .toList());
    }

    @Test
    void installsTheConfiguredKey() {
        new AdminKeyBootstrap(new AdminKeyProperties(CONFIGURED), HASHER).onWriterReady(gateway);
        assertThat(activeAdmins()).singleElement().satisfies(k -> {
            assertThat(k.keyHash()).isEqualTo(HASHER.keyed(CONFIGURED)).isNotEqualTo(ApiKeySecret.hash(CONFIGURED));
            assertThat(k.keyId()).matches("key_[0-9a-f]{16}");
        });
    }

    @Test
    void generatesAKeyWhenNoneIsConfigured() {
        new AdminKeyBootstrap(new AdminKeyProperties(null), HASHER).onWriterReady(gateway);
        assertThat(activeAdmins())
                .singleElement()
                .satisfies(k -> assertThat(k.keyHash()).isNotEqualTo(ApiKeySecret.hash(CONFIGURED)));
    }

    @Test
    void doesNothingWhileAnAdminKeyIsActive() {
        AdminKeyBootstrap bootstrap = new AdminKeyBootstrap(new AdminKeyProperties(CONFIGURED), HASHER);
        bootstrap.onWriterReady(gateway);
        gateway.forget();
        bootstrap.onWriterReady(gateway);
        new AdminKeyBootstrap(new AdminKeyProperties("another-configured-key"), HASHER).onWriterReady(gateway);
        assertThat(gateway.submitted()).isEmpty();
    }

    @Test
    void generatesANewKeyWhenTheConfiguredOneWasRevoked() {
        AdminKeyBootstrap bootstrap = new AdminKeyBootstrap(new AdminKeyProperties(CONFIGURED), HASHER);
        bootstrap.onWriterReady(gateway);
        gateway.submit(new RevokeApiKey(activeAdmins().getFirst().keyId()), "test");
        gateway.forget();

        bootstrap.onWriterReady(gateway);

        assertThat(gateway.submitted()).hasSize(2).allMatch(IssueApiKey.class::isInstance);
        assertThat(activeAdmins())
                .singleElement()
                .satisfies(k -> assertThat(k.keyHash()).isNotEqualTo(ApiKeySecret.hash(CONFIGURED)));
    }

    @Test
    void neverReinstallsAConfiguredKeyThatAnOlderBuildIssuedAndWasRevoked() {
        // An older build stored the configured key as plain SHA-256; its keyed hash matches nothing.
        gateway.submit(new IssueApiKey("key_old", Role.ADMIN, ApiKeySecret.hash(CONFIGURED)), "old build");
        gateway.submit(new RevokeApiKey("key_old"), "operator");
        gateway.forget();

        new AdminKeyBootstrap(new AdminKeyProperties(CONFIGURED), HASHER).onWriterReady(gateway);

        assertThat(activeAdmins())
                .singleElement()
                .satisfies(k -> assertThat(k.keyHash()).isNotEqualTo(HASHER.keyed(CONFIGURED)));
    }

    @Test
    void refusesAShortConfiguredKey() {
        assertThatThrownBy(() -> new AdminKeyProperties("short"))
                .hasMessageContaining("BULWARK_ADMIN_KEY")
                .hasMessageContaining("16");
        assertThat(new AdminKeyProperties("  ").adminKey()).isEmpty();
    }
}
