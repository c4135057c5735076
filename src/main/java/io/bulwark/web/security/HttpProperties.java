package io.bulwark.web.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP settings ({@code bulwark.http.*}).
 *
 * @param trustedProxies CIDR blocks of the reverse proxies whose {@code X-Forwarded-For} names the client
 *     (env {@code BULWARK_HTTP_TRUSTED_PROXIES}, comma separated; empty: the TCP peer is the client)
 */
@ConfigurationProperties("bulwark.http")
public record HttpProperties(@DefaultValue List<String> trustedProxies) {}
