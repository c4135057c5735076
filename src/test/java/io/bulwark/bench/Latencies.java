package io.bulwark.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies one thread records (nanoseconds), merged at the end for exact percentiles: a benchmark run
 * holds at most a few million samples, so sorting them all is cheaper than being clever.
 */
final class Latencies {
    private long[] values = new long[4096];
    private int size;

    void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int count() {
        return size;
    }

    static Latencies merge(List<Latencies> parts) {
        Latencies all = new Latencies();
        all.values =
                new long[Math.max(1, parts.stream().mapToInt(Latencies::count).sum())];
        for (Latencies part : parts) {
            System.arraycopy(part.values, 0, all.values, all.size, part.size);
            all.size += part.size;
        }
        Arrays.sort(all.values, 0, all.size);
        return all;
    }

    /** The {@code p} quantile in milliseconds, of a merged (sorted) set. */
    double millis(double p) {
        if (size == 0) {
            return 0;
        }
        int index = (int) Math.max(0, Math.ceil(p * size) - 1);
        return values[Math.min(size - 1, index)] / 1e6;
    }

    String summary() {
        return String.format(
                "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (%,d samples)",
                millis(0.50), millis(0.99), millis(0.999), millis(1.0), size);
    }
}
