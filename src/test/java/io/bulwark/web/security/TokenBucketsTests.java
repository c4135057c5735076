package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The per-address buckets: bounded however many addresses come, IPv6 counted by /64, the SPEC's defaults. */
class TokenBucketsTests {
    private final ManualClock clock = new ManualClock();

    @Test
    void theDefaultsAreTheSpecs() {
        RateLimitProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("bulwark.rate-limit", RateLimitProperties.class);
        assertThat(defaults.anonymousRequestsPerSecond()).isEqualTo(20);
        assertThat(defaults.anonymousBurst()).isEqualTo(40);
        assertThat(defaults.requestsPerSecond()).isEqualTo(200);
    }

    @Test
    void aFloodOfNewAddressesSharesOneBucketOnceTheMapIsFull() {
        TokenBuckets buckets = new TokenBuckets(1, 2, 3, clock);
        for (int i = 0; i < 3; i++) {
            buckets.take("10.0.0." + i);
        }
        // Every tracked bucket is in use (not full): the next addresses share the overflow bucket.
        assertThat(buckets.take("203.0.113.1").allowed()).isTrue();
        assertThat(buckets.take("203.0.113.2").allowed()).isTrue();
        assertThat(buckets.take("203.0.113.3").allowed()).isFalse();
        assertThat(buckets.take("203.0.113.4").retryAfterSeconds()).isEqualTo(1);
        assertThat(buckets.size()).isEqualTo(3);
        // A tracked address keeps its own bucket meanwhile.
        assertThat(buckets.take("10.0.0.0").allowed()).isTrue();
    }

    @Test
    void bucketsThatAreFullAgainMakeRoom() {
        TokenBuckets buckets = new TokenBuckets(1, 2, 3, clock);
        for (int i = 0; i < 3; i++) {
            buckets.take("10.0.0." + i);
        }
        clock.advance(Duration.ofSeconds(2));
        TokenBuckets.Verdict fresh = buckets.take("203.0.113.1");
        assertThat(fresh.remaining()).isEqualTo(1);
        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void idleBucketsAreDroppedAtLeastOnceAMinute() {
        TokenBuckets buckets = new TokenBuckets(10, 10, 1_000, clock);
        for (int i = 0; i < 100; i++) {
            buckets.take("10.0.1." + i);
        }
        clock.advance(Duration.ofMinutes(2));
        buckets.take("203.0.113.1");
        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void theHeadersFiguresFollowTheBucket() {
        TokenBuckets buckets = new TokenBuckets(20, 40, 10, clock);
        TokenBuckets.Verdict first = buckets.take("a");
        assertThat(first).isEqualTo(new TokenBuckets.Verdict(true, 40, 39, 1, 0));
        for (int i = 0; i < 39; i++) {
            buckets.take("a");
        }
        assertThat(buckets.take("a")).isEqualTo(new TokenBuckets.Verdict(false, 40, 0, 2, 1));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64AndIpv4ByTheAddress() {
        assertThat(ClientNetwork.of("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientNetwork.of("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientNetwork.of("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientNetwork.of("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientNetwork.of("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientNetwork.of("198.51.100.8")).isNotEqualTo(ClientNetwork.of("198.51.100.7"));
    }
}
