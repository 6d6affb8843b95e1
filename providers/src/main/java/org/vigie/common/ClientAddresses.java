package org.vigie.common;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What Vigie's per-address limits count: an IPv4 address, or the /64 network of an IPv6 one. A
 * single IPv6 subscriber (a home box, a cloud VM) commonly holds a whole /64, 2^64 addresses, so
 * counting per IPv6 address would give one attacker as many fresh limits as they like.
 */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    /** The key of {@code address} (as Keycloak reports the client's): IPv4 as is, IPv6 as its /64. */
    public static String limitKey(String address) {
        if (address == null || address.isBlank()) {
            return "-";
        }
        String trimmed = address.trim();
        if (trimmed.indexOf(':') < 0 || !trimmed.matches("[0-9A-Fa-f:.%\\[\\]a-zA-Z0-9]{2,64}")) {
            return trimmed.length() <= 64 ? trimmed : trimmed.substring(0, 64);
        }
        try {
            // A literal with ':' is parsed as IPv6 without any name lookup.
            InetAddress parsed = InetAddress.getByName(trimmed.replace("[", "").replace("]", ""));
            if (parsed instanceof Inet4Address v4) {
                return v4.getHostAddress();
            }
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
        } catch (UnknownHostException e) {
            // Not an address: counted as the text it is.
        }
        return trimmed.length() <= 64 ? trimmed : trimmed.substring(0, 64);
    }
}
