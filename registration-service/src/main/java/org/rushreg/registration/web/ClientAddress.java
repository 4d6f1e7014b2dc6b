package org.rushreg.registration.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The client a limit counts, from the remote address: an IPv4 address as it is, an IPv6 address by its /64 prefix.
 * One IPv6 subscriber usually holds a whole /64 and can pick a fresh address for every request, so counting full
 * addresses would give each of those requests a fresh allowance.
 */
public final class ClientAddress {

    /** Only address literals are parsed: {@link InetAddress#getByName} would look a host name up in DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private ClientAddress() {
    }

    /** The key of the client at this remote address; anything that is not an address literal is its own key. */
    public static String keyOf(String remoteAddress) {
        if (remoteAddress == null) {
            return "";
        }
        String address = remoteAddress.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (!address.contains(":") || !LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            // An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is that IPv4 client.
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
