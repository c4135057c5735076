package io.bulwark.account;

import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.WriterStartupTask;
import io.bulwark.web.security.ApiKeySecret;
import io.bulwark.web.security.KeyHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure an operator can get in: when the exchange has no active ADMIN key, it issues one, from
 * {@code bulwark.admin-key} when set (and not used before), else a generated one that is printed once.
 */
@Component
@Order(AdminKeyBootstrap.ORDER)
class AdminKeyBootstrap implements WriterStartupTask {
    static final int ORDER = 200;
    static final String ACTOR = "system:bootstrap";
    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final String configuredKey;
    private final KeyHasher hasher;

    AdminKeyBootstrap(AdminKeyProperties properties, KeyHasher hasher) {
        this.configuredKey = properties.adminKey();
        this.hasher = hasher;
    }

    @Override
    public void onWriterReady(EngineGateway gateway) {
        boolean hasAdmin =
                gateway.query(view -> view.apiKeys().stream().anyMatch(k -> k.role() == Role.ADMIN && !k.revoked()));
        if (hasAdmin) {
            return;
        }
        if (!configuredKey.isEmpty()) {
            ApiKeySecret key = hasher.of(configuredKey);
            // Issued by an older build, it is stored as plain SHA-256: a keyed hash would not find it.
            String legacy = KeyHasher.legacy(configuredKey);
            boolean usedBefore = gateway.query(
                    view -> view.apiKeys().stream().anyMatch(k -> k.keyHash().equals(legacy)));
            if (!usedBefore && issue(gateway, key)) {
                log.info("Installed the admin key from bulwark.admin-key as {}", key.keyId());
                return;
            }
            log.warn("bulwark.admin-key was used before and is revoked; generating a new admin key");
        }
        ApiKeySecret generated = hasher.generate();
        if (issue(gateway, generated)) {
            printOnce(generated);
        }
    }

    private boolean issue(EngineGateway gateway, ApiKeySecret key) {
        IssueApiKey command = new IssueApiKey(
                key.keyId(), Role.ADMIN, key.keyHash(), null, null, null, null, null, null, hasher.scheme());
        Outcome outcome = gateway.submit(command, ACTOR);
        if (outcome instanceof Outcome.Applied) {
            return true;
        }
        log.error("Could not issue the bootstrap admin key {}: {}", key.keyId(), outcome);
        return false;
    }

    private static void printOnce(ApiKeySecret key) {
        String rule = "=".repeat(78);
        log.warn(
                "\n{}\n  BULWARK ADMIN KEY (shown only this once; only its hash is stored)\n\n    {}\n\n"
                        + "  key id {} - use it as: Authorization: Bearer <key>\n"
                        + "  Set BULWARK_ADMIN_KEY to choose the key yourself on a new exchange.\n{}",
                rule,
                key.secret(),
                key.keyId(),
                rule);
    }
}
