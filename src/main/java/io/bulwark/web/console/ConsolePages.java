package io.bulwark.web.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator console at {@code /console}: static files under {@code static/console/} (no build step), its page
 * answered for {@code /console} and {@code /console/}. The page is public; every API call it makes carries the
 * admin key the operator types in. Its headers (a strict Content-Security-Policy, no framing) are set by the
 * console's own security chain in {@code web/security/SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebMvcConfigurer {
    static final String PAGE = "forward:/console/index.html";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/console").setViewName(PAGE);
        registry.addViewController("/console/").setViewName(PAGE);
    }
}
