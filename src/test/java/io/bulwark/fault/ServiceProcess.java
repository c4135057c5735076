package io.bulwark.fault;

import io.bulwark.web.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * One Bulwark instance as its own operating-system process ({@code java -jar target/bulwark-*.jar}), so a
 * fault run can really kill it ({@code SIGKILL}) or freeze it ({@code SIGSTOP}). Its output goes to
 * {@code target/fault/<name>.log}.
 */
final class ServiceProcess {
    private final String name;
    private final int port;
    private final Process process;
    private final ApiClient api;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.api = new ApiClient(port);
    }

    /** Starts an instance; it is not ready yet (see {@link #status()}). */
    static ServiceProcess start(String name, int port, String jdbcUrl, String username, String adminKey) {
        return start(name, port, jdbcUrl, username, adminKey, List.of());
    }

    /** Starts an instance with further {@code --property=value} arguments. */
    static ServiceProcess start(
            String name, int port, String jdbcUrl, String username, String adminKey, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                javaBinary(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-jar",
                jar().toString(),
                "--server.port=" + port,
                "--management.server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + username,
                "--spring.datasource.password=",
                "--bulwark.embedded-db.enabled=false",
                "--bulwark.admin-key=" + adminKey,
                "--bulwark.oracle.simulated=false",
                "--bulwark.security.key-hash-secret=fault-test-key-hash-secret-not-for-production",
                // Every fault client comes from 127.0.0.1: the per-address limits would count them as one.
                "--bulwark.rate-limit.anonymous-requests-per-second=100000",
                "--bulwark.rate-limit.anonymous-burst=100000",
                "--bulwark.websocket.max-connections-per-address=100000",
                "--bulwark.websocket.operations-per-second=100000",
                "--bulwark.websocket.operations-burst=100000",
                "--bulwark.instance-name=" + name));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            FaultRun.workDirectory().resolve(name + ".log").toFile()))
                    .start();
            // A fault run stopped half-way (Ctrl-C) leaves no instance behind.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new ServiceProcess(name, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    ApiClient api() {
        return api;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code GET /api/v1/system/status}, or empty while the process does not answer. */
    Optional<JsonNode> status() {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        try {
            ApiClient.Response r = api.send(api.request("/api/v1/system/status", null)
                    .timeout(Duration.ofSeconds(2))
                    .GET());
            return r.status() == 200 ? Optional.of(r.json()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    Optional<String> role() {
        return status().map(s -> s.path("role").asString());
    }

    /** {@code kill -9}: no shutdown hook, no snapshot, no lease release. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -STOP}: the process keeps its sockets and sessions but runs nothing. */
    void pause() {
        signal("STOP");
    }

    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The jar {@code ./mvnw -Pfault verify} packaged ({@code bulwark.fault.jar}), else target/bulwark-*.jar. */
    static Path jar() {
        String configured = System.getProperty("bulwark.fault.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("bulwark-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/bulwark-*.jar: run ./mvnw -Pfault verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
