package io.bulwark.web.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a key may be used from (SPEC section 10 v2): CIDR blocks such as {@code 203.0.113.0/24} or
 * {@code 2001:db8::/32}, a bare address being a block of one; none means any address.
 */
public final class AllowedIps {
    /** More would make each request's check a scan; a deployment with more belongs behind a proxy rule. */
    public static final int MAX_BLOCKS = 20;

    private AllowedIps() {}

    /**
     * The blocks, stripped, if every one is an IP literal with a prefix length in range; else an {@link
     * IllegalArgumentException} naming the first bad entry. Never a DNS lookup.
     */
    public static List<String> validate(List<String> blocks) {
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("allowedIps: at most " + MAX_BLOCKS + " blocks");
        }
        List<String> valid = new ArrayList<>();
        for (String block : blocks) {
            if (block == null || parse(block).isEmpty()) {
                throw new IllegalArgumentException(
                        "allowedIps: '" + abbreviate(block) + "' is not an IP address or CIDR block");
            }
            valid.add(block.strip());
        }
        return List.copyOf(valid);
    }

    static Optional<ClientAddress.Cidr> parse(String block) {
        if (block.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(ClientAddress.Cidr.parse(block));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code address} (an IP literal) lies in one of {@code blocks}; any address if there are none. */
    static boolean permits(List<ClientAddress.Cidr> blocks, String address) {
        if (blocks.isEmpty()) {
            return true;
        }
        Optional<InetAddress> client = ClientAddress.literal(address);
        return client.isPresent() && blocks.stream().anyMatch(b -> b.contains(client.get()));
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
