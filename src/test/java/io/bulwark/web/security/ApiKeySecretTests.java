package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretTests {
    private final KeyHasher hasher = new KeyHasher("api-key-secret-tests");

    @Test
    void generatesBase64UrlKeysOf32RandomBytes() {
        ApiKeySecret key = hasher.generate();
        assertThat(key.secret()).matches("bwk_[A-Za-z0-9_-]{43}");
        assertThat(key.keyId()).matches("key_[0-9a-f]{16}");
        assertThat(key.keyHash()).isEqualTo(hasher.keyed(key.secret())).matches("[0-9a-f]{64}");
        assertThat(key.keyHash()).as("never the plain SHA-256").isNotEqualTo(ApiKeySecret.hash(key.secret()));
    }

    @Test
    void hashesWithSha256Hex() {
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(ApiKeySecret.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void keysTheHashWithTheServerSecret() {
        // RFC 4231 test case 2: HMAC-SHA256 with key "Jefe"
        assertThat(new KeyHasher("Jefe").keyed("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(new KeyHasher("another secret").keyed("abc")).isNotEqualTo(hasher.keyed("abc"));
        assertThat(new KeyHasher("").keyed("abc"))
                .as("an empty secret falls back to the built-in pepper")
                .isEqualTo(new KeyHasher(KeyHasher.BUILT_IN_PEPPER).keyed("abc"));
    }

    @Test
    void neverRepeatsAKeyOrAnId() {
        Set<String> secrets = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ApiKeySecret key = hasher.generate();
            secrets.add(key.secret());
            ids.add(key.keyId());
        }
        assertThat(secrets).hasSize(1000);
        assertThat(ids).hasSize(1000);
    }

    @Test
    void doesNotPrintTheSecret() {
        ApiKeySecret key = hasher.generate();
        assertThat(key.toString()).doesNotContain(key.secret()).contains(key.keyId());
    }
}
