package io.bulwark.engine.desk.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.HashScheme;
import io.bulwark.engine.account.KeyGrant;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.JournalCodec;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Further keys of an account (SPEC section 10 v2) in the engine: scopes, addresses, expiry and label enter
 * through the journaled IssueApiKey, rows of older builds mean what they meant then, snapshots keep it all,
 * and an account's live keys are bounded.
 */
class TraderKeyTests {
    private final TradingFloor floor = new TradingFloor();
    private final String account =
            accountOf(floor.apply(new CreateAccount("alice", "key_alice", "hmac_alice", HashScheme.HMAC_SHA256)));

    private static String accountOf(Outcome outcome) {
        return ((Outcome.Applied) outcome)
                .events().stream()
                        .filter(ApiKeyIssued.class::isInstance)
                        .map(e -> ((ApiKeyIssued) e).accountId())
                        .findFirst()
                        .orElseThrow();
    }

    private IssueApiKey traderKey(String id, List<Scope> scopes, Long expiresAt) {
        return new IssueApiKey(
                id,
                Role.TRADER,
                "hmac_" + id,
                null,
                account,
                scopes,
                List.of("203.0.113.0/24"),
                expiresAt,
                "bot " + id,
                HashScheme.HMAC_SHA256);
    }

    private ApiKey key(String id) {
        return floor.view().apiKeys().stream()
                .filter(k -> k.keyId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theAccountsFirstKeyHasEveryScope() {
        assertThat(key("key_alice").grant().scopes()).isEqualTo(EnumSet.allOf(Scope.class));
        assertThat(key("key_alice").grant().hashScheme()).isEqualTo(HashScheme.HMAC_SHA256);
        assertThat(key("key_alice").grant().createdAt()).isEqualTo(floor.now);
    }

    @Test
    void aFurtherKeyCarriesItsGrantIntoStateEventsAndSnapshots() {
        long expires = floor.now + 60_000;
        Outcome outcome = floor.apply(traderKey("key_bot", List.of(Scope.TRADE, Scope.READ), expires));
        ApiKeyIssued issued =
                (ApiKeyIssued) ((Outcome.Applied) outcome).events().getFirst();
        assertThat(issued.scopes()).containsExactly(Scope.READ, Scope.TRADE);
        assertThat(issued.key()).isEqualTo(key("key_bot"));
        KeyGrant grant = key("key_bot").grant();
        assertThat(grant.allowedIps()).containsExactly("203.0.113.0/24");
        assertThat(grant.label()).isEqualTo("bot key_bot");
        assertThat(grant.expiredAt(expires - 1)).isFalse();
        assertThat(grant.expiredAt(expires)).isTrue();

        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        assertThat(restored.apiKeys())
                .containsExactlyInAnyOrderElementsOf(floor.view().apiKeys());
    }

    @Test
    void rowsOfOlderBuildsReplayToTheEventsTheyGaveThen() {
        JournalCodec codec = new JournalCodec();
        String oldRow = "{\"@type\":\"CreateAccount\",\"name\":\"old\",\"keyId\":\"key_old\",\"keyHash\":\"sha_old\"}";
        CreateAccount command = (CreateAccount) codec.readCommand(oldRow);
        assertThat(codec.writeCommand(command))
                .as("re-encodes to the same text")
                .isEqualTo(oldRow);
        Outcome outcome = floor.apply(command);
        ApiKeyIssued issued = ((Outcome.Applied) outcome)
                .events().stream()
                        .filter(ApiKeyIssued.class::isInstance)
                        .map(ApiKeyIssued.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(codec.writeEvents(List.of(issued)))
                .isEqualTo("[{\"@type\":\"ApiKeyIssued\",\"keyId\":\"key_old\",\"role\":\"TRADER\",\"accountId\":\""
                        + issued.accountId() + "\",\"keyHash\":\"sha_old\"}]");
        assertThat(key("key_old").grant()).isEqualTo(KeyGrant.LEGACY);
        assertThat(key("key_old").grant().scopes()).isEqualTo(EnumSet.allOf(Scope.class));
        assertThat(key("key_old").grant().hashScheme()).isEqualTo(HashScheme.SHA256);
        // An older build never issued a trader key by IssueApiKey: such a row is refused as it was then.
        assertThat(floor.apply(new IssueApiKey("key_t", Role.TRADER, "sha_t")))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Code.VALIDATION_FAILED));
    }

    @Test
    void anAccountHoldsAtMostTwentyLiveKeys() {
        // The account's first key is live, and so are 18 more; one that has expired no longer counts.
        floor.apply(traderKey("key_short", List.of(Scope.READ), floor.now + 60_000));
        for (int i = 0; i < 18; i++) {
            assertThat(floor.apply(traderKey("key_" + i, List.of(Scope.READ), null)))
                    .isInstanceOf(Outcome.Applied.class);
        }
        assertThat(floor.apply(traderKey("key_extra", List.of(Scope.READ), null)))
                .as("20 live keys")
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Code.TOO_MANY_KEYS));
        floor.now += 60_000; // key_short has expired
        assertThat(floor.apply(traderKey("key_after_expiry", List.of(Scope.READ), null)))
                .isInstanceOf(Outcome.Applied.class);
        assertThat(floor.apply(traderKey("key_extra", List.of(Scope.READ), null)))
                .isInstanceOf(Outcome.Rejected.class);
        floor.apply(new RevokeApiKey("key_3"));
        assertThat(floor.apply(traderKey("key_extra", List.of(Scope.READ), null)))
                .isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void revokedKeysOfThisBuildAreForgottenSoChurnCannotGrowTheState() {
        int before = floor.engine.serialize().length;
        for (int i = 0; i < 50; i++) {
            floor.apply(traderKey("key_churn_" + i, List.of(Scope.READ), null));
            assertThat(floor.apply(new RevokeApiKey("key_churn_" + i))).isInstanceOf(Outcome.Applied.class);
        }
        assertThat(floor.engine.serialize().length).isEqualTo(before);
        assertThat(floor.apply(new RevokeApiKey("key_churn_0")))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Code.UNKNOWN_KEY));

        // A key of an older build's row stays in the state, revoked, as that build kept it.
        floor.apply(new CreateAccount("old", "key_old", "sha_old"));
        floor.apply(new RevokeApiKey("key_old"));
        assertThat(key("key_old").revoked()).isTrue();
    }

    @Test
    void refusesKeysForNoAccountOrWithoutScopes() {
        IssueApiKey noAccount = new IssueApiKey(
                "key_x",
                Role.TRADER,
                "hmac_x",
                null,
                "999",
                List.of(Scope.READ),
                null,
                null,
                null,
                HashScheme.HMAC_SHA256);
        assertThat(floor.apply(noAccount))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Code.UNKNOWN_ACCOUNT));
        assertThat(floor.apply(traderKey("key_none", List.of(), null)))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Code.VALIDATION_FAILED));
        IssueApiKey adminWithScopes = new IssueApiKey(
                "key_a",
                Role.ADMIN,
                "hmac_a",
                null,
                null,
                List.of(Scope.READ),
                null,
                null,
                null,
                HashScheme.HMAC_SHA256);
        assertThat(floor.apply(adminWithScopes)).isInstanceOf(Outcome.Rejected.class);
    }
}
