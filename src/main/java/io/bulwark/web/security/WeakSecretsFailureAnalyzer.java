package io.bulwark.web.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused start ({@link DeploymentSecrets}) into a plain report: what is wrong, what to do. */
public class WeakSecretsFailureAnalyzer extends AbstractFailureAnalyzer<DeploymentSecrets.WeakSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DeploymentSecrets.WeakSecretsException cause) {
        String description = "Bulwark refuses to start with weak secrets outside the embedded demo (a database is"
                + " configured):\n  - " + String.join("\n  - ", cause.problems());
        String action = "Set each to a random value of at least " + DeploymentSecrets.MIN_LENGTH
                + " characters, e.g. `openssl rand -base64 32`, through the environment (docker compose reads them"
                + " from .env; see .env.example). Without SPRING_DATASOURCE_URL the embedded demo starts without"
                + " them.";
        return new FailureAnalysis(description, action, cause);
    }
}
