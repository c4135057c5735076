package io.bulwark.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One fault run: its settings (system properties, so {@code -Dfault.crash.cycles=2} shortens a run) and the
 * figures it prints, to stdout and to {@code target/fault/<name>.txt}.
 */
final class FaultRun {
    private final String name;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    FaultRun(String name) {
        this.name = name;
    }

    static int intSetting(String property, int defaultValue) {
        return Integer.parseInt(System.getProperty(property, Integer.toString(defaultValue)));
    }

    static Duration secondsSetting(String property, int defaultSeconds) {
        return Duration.ofSeconds(intSetting(property, defaultSeconds));
    }

    /** Where processes started by fault runs write their logs and data. */
    static Path workDirectory() {
        Path dir = Path.of("target", "fault").toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void print(String format, Object... args) {
        String line = "[fault " + name + "] " + format.formatted(args);
        lines.add(line);
        System.out.println(line);
    }

    /** Writes every printed line to {@code target/fault/<name>.txt}. */
    void save() {
        try {
            Files.write(workDirectory().resolve(name + ".txt"), List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
