package org.vigie.push;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses the server may push to: public ones only, unless the server setting
 * {@code allow-private-endpoints} of the Web Push provider says otherwise (a development
 * distributor, the tests' receiver). Without it a device could make the server call its own
 * network: loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10,
 * cloud metadata), unique local (fc00::/7), multicast and the any-address.
 */
final class PushAddresses {

    private PushAddresses() {
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            // Unique local fc00::/7; IPv4-mapped ::ffff:a.b.c.d judged as the IPv4 address.
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            if (isMapped(bytes)) {
                try {
                    return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** A literal address (v4, or v6 with or without brackets), never resolved; null for a name. */
    static InetAddress literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * The problem with pushing to {@code host} now, or null: every address it resolves to must be
     * public. A name could resolve elsewhere between this check and the connection (DNS rebinding):
     * a residual risk, said in docs/security-model.md.
     */
    static String sendProblem(String host, boolean allowPrivate) {
        if (allowPrivate) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return null; // The exchange fails as unreachable, and is retried.
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return "endpoint resolves to a private address";
            }
        }
        return null;
    }
}
