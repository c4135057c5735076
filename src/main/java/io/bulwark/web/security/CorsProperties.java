package io.bulwark.web.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access for browser apps ({@code bulwark.http.cors.*}, SPEC section 10 v2).
 *
 * @param allowedOrigins the browser origins that may call the API and open the WebSocket (env {@code
 *     BULWARK_HTTP_CORS_ALLOWED_ORIGINS}, comma separated; empty: no cross-origin REST access). Each is exactly
 *     {@code scheme://host[:port]}; a wildcard, a path or a userinfo part fails the start, so a typo cannot widen
 *     the list. Kept in canonical form (lower case, no default port): the browser's {@code Origin} must equal one.
 */
@ConfigurationProperties("bulwark.http.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins.stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .map(CorsProperties::canonical)
                .distinct()
                .toList();
    }

    static String canonical(String origin) {
        if (origin.contains("*")) {
            throw invalid(origin, "wildcards are not allowed: list each origin");
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw invalid(origin, "not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid(origin, "the scheme must be https or http");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(origin, "expected scheme://host[:port]");
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(origin, "an origin has no path, query or fragment (not even a trailing '/')");
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String port = uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
    }

    private static IllegalArgumentException invalid(String origin, String why) {
        return new IllegalArgumentException("bulwark.http.cors.allowed-origins: '" + origin + "': " + why);
    }
}
