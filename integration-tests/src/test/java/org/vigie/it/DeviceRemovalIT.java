package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;

/** A device an operator removes (admin console, admin REST) is refused at once and its pending logins end. */
class DeviceRemovalIT {

    static KeycloakServer server;
    static Vigie vigie;

    @BeforeAll
    static void start() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
    }

    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    @Test
    void anOperatorsRemovalEndsThePendingLogins() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(practitioner);
        Login pending = new Login(server).typeIdentifier(practitioner.rpps());
        assertEquals("pending", pending.status().path("status").asText());
        assertEquals(204, vigie.admin().send("DELETE", "/users/" + practitioner.userId() + "/credentials/" + phone.deviceId(), null)
                .statusCode());
        assertEquals("decided", pending.status().path("status").asText(), "its pending login ended");
        assertEquals("invalid_token", phone.pending().http().error(), "the removed device is refused");
        assertEquals(401, phone.approveByCode(pending.code(), Vigie.PIN).status());
    }
}
