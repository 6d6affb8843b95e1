package org.vigie.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void ipv4IsCountedPerAddress() {
        assertEquals("203.0.113.7", ClientAddresses.limitKey("203.0.113.7"));
        assertNotEquals(ClientAddresses.limitKey("203.0.113.7"), ClientAddresses.limitKey("203.0.113.8"));
    }

    @Test
    void ipv6IsCountedPerSlash64WhateverItsSpelling() {
        String key = ClientAddresses.limitKey("2001:db8:1:2::1");
        assertEquals("2001:db8:1:2::/64", key);
        assertEquals(key, ClientAddresses.limitKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"));
        assertEquals(key, ClientAddresses.limitKey("[2001:DB8:1:2:0:0:0:abcd]"));
        assertNotEquals(key, ClientAddresses.limitKey("2001:db8:1:3::1"));
    }

    @Test
    void ipv4MappedIpv6IsTheIpv4Address() {
        assertEquals("192.0.2.1", ClientAddresses.limitKey("::ffff:192.0.2.1"));
    }

    @Test
    void anythingElseIsCountedAsItsTextAndNeverLookedUp() {
        assertEquals("-", ClientAddresses.limitKey(null));
        assertEquals("-", ClientAddresses.limitKey(" "));
        assertEquals("not-an-address.example", ClientAddresses.limitKey("not-an-address.example"));
        assertEquals("zz:zz", ClientAddresses.limitKey("zz:zz"));
        assertEquals(64, ClientAddresses.limitKey("x".repeat(500)).length());
    }
}
