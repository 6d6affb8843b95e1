package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;

/**
 * RPPS numbers are public: a stranger who types a practitioner's RPPS, as often as they like and
 * from anywhere, must neither cancel, nor block, nor take the place of the practitioner's own
 * login. Other browsers' addresses are played through the test server's trusted proxy header
 * (loopback addresses as header values only: the realm wants HTTPS from anything else).
 */
class StrangerLoginsIT {

    static KeycloakServer server;
    static Vigie vigie;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
    }

    @BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    /** Measured before: 3 stranger logins, then 2 more 15 minutes later, left the victim without a push for a day. */
    @Test
    void strangersLoginsDoNotUseUpThePractitionersPushes() {
        Practitioner victim = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(victim);
        List<Login> stranger = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stranger.add(Login.from(server, "127.0.0.66").typeIdentifier(victim.rpps()));
        }
        vigie.clock(16 * 60);
        for (int i = 0; i < 2; i++) {
            stranger.add(Login.from(server, "127.0.0.66").typeIdentifier(victim.rpps()));
        }
        // The stranger's address has used its allowance: its later logins notify nobody...
        assertFalse(Vigie.listed(phone, stranger.get(4).challengeId()).json().path("notified").asBoolean());

        // ...but the practitioner's own login, from their own browser, notifies the phone and goes through.
        Login own = Login.from(server, "127.0.0.20").typeIdentifier(victim.rpps());
        assertTrue(Vigie.listed(phone, own.challengeId()).json().path("notified").asBoolean(),
                "the practitioner's own address keeps its allowance");
        DecisionResult approved = phone.approveByCode(own.code(), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        own.submitWaitingForm();
        assertTrue(own.reachedRelyingParty(), own.page().text());
        // The stranger's logins were left pending, not approved by the practitioner's code.
        assertEquals("pending", stranger.get(4).status().get("status").asText());
    }

    /**
     * One IPv6 subscriber holds a whole /64: its addresses share one allowance, other networks keep
     * theirs. Site-local fec0::/10 addresses, because the test server speaks plain HTTP and the
     * realm requires HTTPS from public addresses.
     */
    @Test
    void addressesOfOneIpv6NetworkShareOneAllowance() {
        Practitioner victim = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(victim);
        for (int i = 1; i <= 3; i++) {
            Login login = Login.from(server, "fec0:0:7:7::" + i).typeIdentifier(victim.rpps());
            assertTrue(Vigie.listed(phone, login.challengeId()).json().path("notified").asBoolean(), "login " + i);
        }
        Login fourth = Login.from(server, "fec0:0:7:7:ffff::4").typeIdentifier(victim.rpps());
        assertFalse(Vigie.listed(phone, fourth.challengeId()).json().path("notified").asBoolean(),
                "a fresh address of the same /64 gets no fresh allowance");
        Login otherNetwork = Login.from(server, "fec0:0:7:8::1").typeIdentifier(victim.rpps());
        assertTrue(Vigie.listed(phone, otherNetwork.challengeId()).json().path("notified").asBoolean(),
                "another network keeps its own allowance");
    }

    /**
     * Strangers with many addresses can use up the identifier's all-addresses allowance; the
     * practitioner's own addresses (where they logged in before) keep their notifications.
     */
    @Test
    void strangersWithManyAddressesDoNotSilenceThePractitionersOwnAddress() {
        Practitioner victim = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(victim);
        Login before = Login.from(server, "127.0.0.30").typeIdentifier(victim.rpps());
        assertTrue(phone.approveByCode(before.code(), Vigie.PIN).ok());
        before.submitWaitingForm();
        assertTrue(before.reachedRelyingParty(), before.page().text());

        // With the practitioner's own login, 10 from as many addresses: the all-addresses allowance is used up.
        for (int i = 0; i < 9; i++) {
            Login.from(server, "127.0.3." + (10 + i)).typeIdentifier(victim.rpps());
        }
        Login elsewhere = Login.from(server, "127.0.0.31").typeIdentifier(victim.rpps());
        assertFalse(Vigie.listed(phone, elsewhere.challengeId()).json().path("notified").asBoolean(),
                "the all-addresses limit holds back a new address");
        // Refused on the phone: it gives its place in the (full) list back.
        assertEquals("denied", phone.decide(elsewhere.challengeId(), "deny", null, null).outcome());
        Login own = Login.from(server, "127.0.0.30").typeIdentifier(victim.rpps());
        assertTrue(Vigie.listed(phone, own.challengeId()).json().path("notified").asBoolean(),
                "the practitioner's own address keeps its notifications");
        assertTrue(phone.approveByCode(own.code(), Vigie.PIN).ok());
        own.submitWaitingForm();
        assertTrue(own.reachedRelyingParty(), own.page().text());
    }

    /** Measured before: a stranger typing the victim's RPPS every 2 s made every victim login fail (410 cancelled). */
    @Test
    void aStrangersNewerLoginNeverCancelsThePractitionersLogin() {
        Practitioner victim = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(victim);
        Login own = Login.from(server, "127.0.0.21").typeIdentifier(victim.rpps());
        List<Login> stranger = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            stranger.add(Login.from(server, "127.0.0." + (100 + i % 10)).typeIdentifier(victim.rpps()));
        }
        assertEquals("pending", own.status().get("status").asText(), "still waiting after the stranger's logins");
        // The phone lists what waits (bounded), and the code typed picks the practitioner's own login.
        assertTrue(phone.pending().challenges().size() <= 10);
        DecisionResult approved = phone.approveByCode(own.code(), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        assertEquals(own.challengeId(), approved.http().json().path("challenge").asText());
        own.submitWaitingForm();
        assertTrue(own.reachedRelyingParty(), own.page().text());
        for (Login login : stranger) {
            assertEquals("pending", login.status().get("status").asText(), "no stranger's login was decided by it");
        }
    }

    @Test
    void eachPendingLoginHasItsOwnCodeAndAWrongCodeBurnsNone() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(practitioner);
        Login first = new Login(server).typeIdentifier(practitioner.rpps());
        Login second = new Login(server).typeIdentifier(practitioner.rpps());
        assertNotEquals(first.code(), second.code());
        assertEquals(2, phone.pending().challenges().size());

        String wrong = first.code().equals("000000") || second.code().equals("000000") ? "999999" : "000000";
        DecisionResult refused = phone.approveByCode(wrong, Vigie.PIN);
        assertEquals(422, refused.status(), refused.http().toString());
        assertEquals("wrong_code", refused.error());
        assertEquals("pending", first.status().get("status").asText());
        assertEquals("pending", second.status().get("status").asText());

        assertTrue(phone.approveByCode(second.code(), Vigie.PIN).ok());
        second.submitWaitingForm();
        assertTrue(second.reachedRelyingParty());
        assertEquals("pending", first.status().get("status").asText(), "only the login showing the code was approved");
    }

    @Test
    void aBrowserStartingAgainReplacesOnlyItsOwnChallenge() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(practitioner);
        Login other = new Login(server).typeIdentifier(practitioner.rpps());
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String before = login.challengeId();
        String oldCode = login.code();
        login.restart().typeIdentifier(practitioner.rpps());
        assertNotEquals(before, login.challengeId(), "a new challenge for the new attempt");

        DecisionResult late = phone.decide(before, "approve", oldCode, Vigie.PIN);
        assertEquals(410, late.status(), late.http().toString());
        assertEquals("challenge_cancelled", late.error());
        assertEquals("pending", other.status().get("status").asText(), "another browser's login is untouched");
        assertTrue(phone.approveByCode(login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty());
    }

    @Test
    void aDeviceCannotApproveByCodeALoginOfAnotherIdentifier() {
        Practitioner victim = vigie.newPractitioner();
        vigie.enrolledDevice(victim);
        Practitioner other = vigie.newPractitioner();
        DeviceClient otherPhone = vigie.enrolledDevice(other);
        Login login = new Login(server).typeIdentifier(victim.rpps());
        DecisionResult refused = otherPhone.approveByCode(login.code(), Vigie.PIN);
        assertEquals(422, refused.status(), refused.http().toString());
        assertEquals("wrong_code", refused.error());
        assertEquals("pending", login.status().get("status").asText());
    }
}
