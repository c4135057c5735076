package io.bulwark.engine.maintenance;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every maintenance window ever scheduled, by number. Time moves them on: a scheduled window whose
 * start has come becomes ACTIVE, an active one whose end has passed COMPLETED. Windows are exchange
 * state: serialized with the engine, so a restart keeps them.
 */
public final class MaintenanceWindows {
    private final TreeMap<Long, MaintenanceWindow> windows = new TreeMap<>();
    private long lastId;

    public MaintenanceWindow schedule(long start, long end, String reason, String actor, long now) {
        lastId++;
        MaintenanceWindow w =
                new MaintenanceWindow(Long.toString(lastId), start, end, reason, actor, now, WindowStatus.SCHEDULED);
        windows.put(lastId, w);
        return w;
    }

    public Optional<MaintenanceWindow> get(String windowId) {
        try {
            return Optional.ofNullable(windows.get(Long.parseLong(windowId)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public MaintenanceWindow cancel(MaintenanceWindow window) {
        return replace(window.with(WindowStatus.CANCELLED));
    }

    /** True when a scheduled window's start or an active window's end has come at {@code now}. */
    public boolean due(long now) {
        for (MaintenanceWindow w : windows.values()) {
            if (w.status() == WindowStatus.SCHEDULED && w.start() <= now
                    || w.status() == WindowStatus.ACTIVE && w.end() <= now) {
                return true;
            }
        }
        return false;
    }

    /** Scheduled windows whose start has come, now ACTIVE, oldest first. */
    public List<MaintenanceWindow> start(long now) {
        List<MaintenanceWindow> started = new ArrayList<>();
        for (MaintenanceWindow w : List.copyOf(windows.values())) {
            if (w.status() == WindowStatus.SCHEDULED && w.start() <= now) {
                started.add(replace(w.with(WindowStatus.ACTIVE)));
            }
        }
        return started;
    }

    /** Active windows whose end has passed, now COMPLETED, oldest first. */
    public List<MaintenanceWindow> complete(long now) {
        List<MaintenanceWindow> completed = new ArrayList<>();
        for (MaintenanceWindow w : List.copyOf(windows.values())) {
            if (w.status() == WindowStatus.ACTIVE && w.end() <= now) {
                completed.add(replace(w.with(WindowStatus.COMPLETED)));
            }
        }
        return completed;
    }

    public List<MaintenanceWindow> all() {
        return List.copyOf(windows.values());
    }

    private MaintenanceWindow replace(MaintenanceWindow w) {
        windows.put(Long.parseLong(w.windowId()), w);
        return w;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeLong(lastId).writeInt(windows.size());
        for (MaintenanceWindow w : windows.values()) {
            out.writeString(w.windowId())
                    .writeLong(w.start())
                    .writeLong(w.end())
                    .writeString(w.reason())
                    .writeString(w.createdBy())
                    .writeLong(w.createdAt())
                    .writeEnum(w.status());
        }
    }

    public static MaintenanceWindows readFrom(CanonicalReader in) {
        MaintenanceWindows all = new MaintenanceWindows();
        all.lastId = in.readLong();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            MaintenanceWindow w = new MaintenanceWindow(
                    in.readString(),
                    in.readLong(),
                    in.readLong(),
                    in.readString(),
                    in.readString(),
                    in.readLong(),
                    in.readEnum(WindowStatus.class));
            all.windows.put(Long.parseLong(w.windowId()), w);
        }
        return all;
    }
}
