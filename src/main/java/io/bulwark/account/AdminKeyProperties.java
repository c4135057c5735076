package io.bulwark.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminKey the first admin key (env {@code BULWARK_ADMIN_KEY}); installed when the exchange has
 *     no active admin key. Unset: one is generated and printed once. At least
 *     {@value #MIN_LENGTH} characters.
 */
@ConfigurationProperties("bulwark")
public record AdminKeyProperties(String adminKey) {
    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 256;

    public AdminKeyProperties {
        adminKey = adminKey == null || adminKey.isBlank() ? "" : adminKey.strip();
        if (!adminKey.isEmpty() && (adminKey.length() < MIN_LENGTH || adminKey.length() > MAX_LENGTH)) {
            throw new IllegalArgumentException("bulwark.admin-key (BULWARK_ADMIN_KEY) must have " + MIN_LENGTH + " to "
                    + MAX_LENGTH + " characters");
        }
    }
}
