package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code bulwark.http.cors.allowed-origins}: exact origins only, in the form a browser sends them. */
class CorsPropertiesTests {

    @Test
    void originsAreKeptInTheFormABrowserSends() {
        CorsProperties cors = new CorsProperties(List.of(
                " https://App.Example.com ",
                "https://app.example.com:443",
                "http://localhost:3000",
                "",
                "http://[::1]:80"));
        assertThat(cors.allowedOrigins())
                .containsExactly("https://app.example.com", "http://localhost:3000", "http://[::1]");
    }

    @Test
    void anythingThatIsNotExactlyAnOriginFailsTheStart() {
        for (String origin : List.of(
                "*",
                "https://*.example.com",
                "null",
                "app.example.com",
                "ftp://app.example.com",
                "https://app.example.com/",
                "https://app.example.com/path",
                "https://app.example.com?x=1",
                "https://user@app.example.com",
                "https://")) {
            assertThatThrownBy(() -> new CorsProperties(List.of(origin)))
                    .as(origin)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bulwark.http.cors.allowed-origins");
        }
    }

    @Test
    void theEnvironmentVariableIsACommaList() {
        CorsProperties cors =
                bind(Map.of("BULWARK_HTTP_CORS_ALLOWED_ORIGINS", "https://a.example.com,https://b.example.com"));
        assertThat(cors.allowedOrigins()).containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(bind(Map.of()).allowedOrigins()).isEmpty();
        assertThatThrownBy(() -> bind(Map.of("BULWARK_HTTP_CORS_ALLOWED_ORIGINS", "*")))
                .isInstanceOf(BindException.class);
    }

    private static CorsProperties bind(Map<String, Object> environment) {
        // Spring reads a source by this name with the environment-variable naming rules.
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("bulwark.http.cors", CorsProperties.class);
    }
}
