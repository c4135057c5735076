package io.bulwark.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request: the TCP peer, unless the peer is one of
 * {@code bulwark.http.trusted-proxies} (CIDR blocks), in which case {@code X-Forwarded-For} is read from the
 * right, skipping trusted proxies, and the first address that is not one is the client. A header sent by
 * an untrusted peer is ignored (anyone can write one), and an entry that is not an IP literal ends the walk
 * at the last address a trusted proxy vouched for, so a forged or garbled header can never make a client
 * look like another one, and no entry is ever resolved through DNS.
 */
@Component
@EnableConfigurationProperties(HttpProperties.class)
public class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Cidr> trustedProxies;

    public ClientAddress(HttpProperties properties) {
        this.trustedProxies =
                properties.trustedProxies().stream().map(Cidr::parse).toList();
    }

    /** The client's address (an IP literal as the peer or the proxy gave it). */
    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"));
    }

    String of(String peer, Enumeration<String> forwardedHeaders) {
        if (trustedProxies.isEmpty() || !trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        while (forwardedHeaders != null && forwardedHeaders.hasMoreElements()) {
            for (String hop : forwardedHeaders.nextElement().split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hops.get(i);
            if (!trusted(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        return literal(address).map(this::trusted).orElse(false);
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** The address if the text is an IPv4 or IPv6 literal; never a DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** One CIDR block ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address is a block of one). */
    record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String text) {
            String block = text.strip();
            int slash = block.indexOf('/');
            String address = slash < 0 ? block : block.substring(0, slash);
            InetAddress network = literal(address)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "bulwark.http.trusted-proxies: '" + text + "' is not an IP address or CIDR block"));
            int bits = network.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(block.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(
                            "bulwark.http.trusted-proxies: '" + text + "' has a prefix length outside 0-" + bits);
                }
            }
            return new Cidr(network.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
