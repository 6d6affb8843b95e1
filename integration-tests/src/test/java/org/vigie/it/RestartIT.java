package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;

/** Nothing is lost across a restart: enrolled devices, their PIN counters, fraud suspensions. */
class RestartIT {

    @Test
    void devicesAndSuspensionsSurviveARestart() {
        KeycloakServer server = KeycloakServer.get();
        Vigie vigie = new Vigie(server);
        vigie.clock(0);
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Practitioner suspended = vigie.newPractitioner();
        DeviceClient suspendedDevice = vigie.enrolledDevice(suspended);
        new Login(server).typeIdentifier(suspended.rpps());
        assertTrue(suspendedDevice.decide(suspendedDevice.pending().challenges().get(0).id(), "fraud", null, null).ok());

        server.restart();
        vigie.clock(0); // a new server process starts with its own clock

        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        var pending = device.pending();
        assertEquals(1, pending.challenges().size(), pending.http().toString());
        assertTrue(device.decide(pending.challenges().get(0).id(), "approve", login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty());

        // Still suspended after the restart: the login is listed (the practitioner may approve their
        // own) but notifies nobody.
        Login afterRestart = new Login(server).typeIdentifier(suspended.rpps());
        assertFalse(Vigie.listed(suspendedDevice, afterRestart.challengeId()).json().path("notified").asBoolean(),
                "still suspended after the restart");
    }
}
