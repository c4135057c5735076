package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTests {
    private final ClientAddress behindProxies = new ClientAddress(new HttpProperties(List.of("10.0.0.0/8", "::1")));

    private static String of(ClientAddress addresses, String peer, String... forwarded) {
        return addresses.of(peer, Collections.enumeration(List.of(forwarded)));
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        ClientAddress direct = new ClientAddress(new HttpProperties(List.of()));
        assertThat(of(direct, "203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        assertThat(of(behindProxies, "203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void aTrustedProxyNamesTheClientAndForgedLeftEntriesAreIgnored() {
        // The client forged "1.2.3.4"; the proxy appended the address it saw.
        assertThat(of(behindProxies, "10.1.2.3", "1.2.3.4, 198.51.100.9")).isEqualTo("198.51.100.9");
        // Two trusted hops, across two headers.
        assertThat(of(behindProxies, "10.1.2.3", "198.51.100.9", "10.9.9.9")).isEqualTo("198.51.100.9");
        assertThat(of(behindProxies, "::1", "2001:db8::5")).isEqualTo("2001:db8::5");
    }

    @Test
    void garbageOrHostNamesStopAtTheLastAddressAProxyVouchedFor() {
        assertThat(of(behindProxies, "10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(of(behindProxies, "10.1.2.3", "198.51.100.9, not-an-ip, 10.4.4.4"))
                .isEqualTo("10.4.4.4");
        assertThat(of(behindProxies, "10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void cidrBlocksMatchByPrefix() {
        ClientAddress.Cidr block = ClientAddress.Cidr.parse("192.168.16.0/20");
        assertThat(block.contains(ClientAddress.literal("192.168.31.255").orElseThrow()))
                .isTrue();
        assertThat(block.contains(ClientAddress.literal("192.168.32.0").orElseThrow()))
                .isFalse();
        assertThat(block.contains(ClientAddress.literal("::1").orElseThrow())).isFalse();
        assertThat(ClientAddress.Cidr.parse("0.0.0.0/0")
                        .contains(ClientAddress.literal("8.8.8.8").orElseThrow()))
                .isTrue();
    }

    @Test
    void aTypoInTheConfigurationStopsTheStart() {
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("proxy.internal")).hasMessageContaining("not an IP");
    }
}
