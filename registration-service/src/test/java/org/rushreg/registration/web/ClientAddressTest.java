package org.rushreg.registration.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnClient() {
        assertThat(ClientAddress.keyOf("192.0.2.10")).isEqualTo("192.0.2.10");
        assertThat(ClientAddress.keyOf("192.0.2.11")).isNotEqualTo(ClientAddress.keyOf("192.0.2.10"));
    }

    @Test
    void ipv6AddressesOfOneSlash64AreOneClient() {
        String one = ClientAddress.keyOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertThat(ClientAddress.keyOf("2001:db8:1:2::1")).isEqualTo(one);
        assertThat(ClientAddress.keyOf("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo(one);
        assertThat(ClientAddress.keyOf("[2001:db8:1:2::7]")).isEqualTo(one);
        assertThat(ClientAddress.keyOf("2001:db8:1:2::7%eth0")).isEqualTo(one);
        assertThat(one).isEqualTo("20010db800010002::/64");
    }

    @Test
    void neighbouringSlash64sAreDifferentClients() {
        assertThat(ClientAddress.keyOf("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.keyOf("2001:db8:1:2::1"));
    }

    @Test
    void anIpv4MappedIpv6AddressIsThatIpv4Client() {
        assertThat(ClientAddress.keyOf("::ffff:192.0.2.10")).isEqualTo("192.0.2.10");
    }

    @Test
    void somethingElseIsNeverLookedUpButKeptAsItIs() {
        assertThat(ClientAddress.keyOf("localhost")).isEqualTo("localhost");
        assertThat(ClientAddress.keyOf("not:an:address:zz")).isEqualTo("not:an:address:zz");
        assertThat(ClientAddress.keyOf(null)).isEmpty();
    }
}
