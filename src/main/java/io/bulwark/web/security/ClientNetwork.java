package io.bulwark.web.security;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What the per-address limits count: an IPv4 address as is, an IPv6 address by the /64 network it lies in. One
 * IPv6 host is routinely given a whole /64 (SLAAC, privacy addresses), so counting single IPv6 addresses would
 * give one client 2^64 fresh buckets; a /64 is the smallest block a provider hands out to one customer.
 */
public final class ClientNetwork {

    private ClientNetwork() {}

    /** The limit key of a client address ({@link ClientAddress#of}); text that is not an IP literal is its own key. */
    public static String of(String address) {
        Optional<InetAddress> parsed = ClientAddress.literal(address);
        if (parsed.isEmpty()) {
            return address;
        }
        byte[] bytes = parsed.get().getAddress();
        if (bytes.length == 4) {
            return parsed.get().getHostAddress();
        }
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF))
                    .append(':');
        }
        return network.append(":/64").toString();
    }
}
