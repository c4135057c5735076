package io.bulwark.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** The CPU time this process has used (all its threads), for benchmarks to report CPU per operation. */
public final class Cpu {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Cpu() {}

    public static long processNanos() {
        return OS.getProcessCpuTime();
    }
}
