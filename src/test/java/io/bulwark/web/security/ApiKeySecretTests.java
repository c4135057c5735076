package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretTests {

    @Test
    void generatesBase64UrlKeysOf32RandomBytes() {
        ApiKeySecret key = ApiKeySecret.generate();
        assertThat(key.secret()).matches("bwk_[A-Za-z0-9_-]{43}");
        assertThat(key.keyId()).matches("key_[0-9a-f]{16}");
        assertThat(key.keyHash()).isEqualTo(ApiKeySecret.hash(key.secret())).matches("[0-9a-f]{64}");
    }

    @Test
    void hashesWithSha256Hex() {
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(ApiKeySecret.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void neverRepeatsAKeyOrAnId() {
        Set<String> secrets = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ApiKeySecret key = ApiKeySecret.generate();
            secrets.add(key.secret());
            ids.add(key.keyId());
        }
        assertThat(secrets).hasSize(1000);
        assertThat(ids).hasSize(1000);
    }

    @Test
    void doesNotPrintTheSecret() {
        ApiKeySecret key = ApiKeySecret.generate();
        assertThat(key.toString()).doesNotContain(key.secret()).contains(key.keyId());
    }
}
