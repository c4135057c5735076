package io.bulwark.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.stream.LongStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request latency as histograms ({@code http_server_requests_seconds_bucket}, so percentiles aggregate across
 * instances): the order endpoints ({@code /api/v1/orders...}, the latency traders feel) get twelve buckets from
 * 1 ms to 5 s, every other endpoint six from 10 ms to 5 s. Fixed buckets rather than Micrometer's percentile
 * histogram (about sixty over the same range) because every URI, method and status has its own set: this keeps
 * the series count bounded. All of them must be histograms: Prometheus allows one type per metric name.
 */
@Configuration(proxyBeanMethods = false)
class RequestLatencyHistograms {
    static final String ORDER_URIS = "/api/v1/orders";
    private static final double[] ORDER_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000);
    private static final double[] OTHER_BUCKETS = millis(10, 50, 100, 500, 1_000, 5_000);

    @Bean
    MeterFilter requestLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                String uri = id.getTag("uri");
                double[] buckets = uri != null && uri.startsWith(ORDER_URIS) ? ORDER_BUCKETS : OTHER_BUCKETS;
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(buckets)
                        .build()
                        .merge(config);
            }
        };
    }

    private static double[] millis(long... values) {
        return LongStream.of(values)
                .mapToDouble(ms -> Duration.ofMillis(ms).toNanos())
                .toArray();
    }
}
