package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.Browser;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Mailbox;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;

/** The risk policy on the real server: time windows, exceptions, push limits, events and mails. */
class RiskPolicyIT {

    static KeycloakServer server;
    static Vigie vigie;
    static Mailbox mailbox;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        mailbox = Mailbox.open(vigie.admin());
    }

    @AfterAll
    static void closeMailbox() {
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    /** A practitioner with a device and no exception: the windows apply to them as they are. */
    private static Enrolled ordinaryPractitioner() {
        Practitioner practitioner = vigie.newPractitioner(List.of());
        return new Enrolled(practitioner, vigie.enrolledDevice(practitioner));
    }

    private record Enrolled(Practitioner practitioner, DeviceClient device) {
    }

    @Test
    void pushAtAnAllowedHourWorks() {
        vigie.clockAt(vigie.tuesdayAt(10, 0));
        Enrolled p = ordinaryPractitioner();
        Login login = new Login(server).typeIdentifier(p.practitioner().rpps());
        assertTrue(p.device().decide(p.device().pending().challenges().get(0).id(), "approve", login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty());
    }

    @Test
    void atHalfPastElevenAtNightNoPushIsSentAndTheBlockPageSaysWhy() {
        Enrolled p = ordinaryPractitioner();
        vigie.clockAt(vigie.tuesdayAt(23, 30));
        Document blocked = submitIdentifier(new Login(server), p.practitioner().rpps()).document();
        assertNotNull(blocked.selectFirst("#vigie-result"), blocked.text());
        assertEquals("offHours", blocked.selectFirst("#vigie-result").attr("data-outcome"));
        assertTrue(blocked.selectFirst("#vigie-next-allowed").text().contains("07:00"), blocked.text());
        assertTrue(blocked.text().contains("support@vigie.invalid"), "whom to contact: " + blocked.text());
        assertTrue(p.device().pending().challenges().isEmpty(), "no push at night");
        JsonNode event = event(p.practitioner(), "off_hours_push");
        assertNotNull(event, "off_hours_push event");
        assertEquals("vigie-demo", event.path("clientId").asText());
        assertEquals("127.0.0.1", event.path("ipAddress").asText());
        assertEquals(p.practitioner().nationalId(), event.path("details").path("username").asText());

        // The enrolment mail comes first; then exactly one alert, however many attempts in the hour.
        assertEquals(1, alerts(mailbox.to(p.practitioner().email(), 2)), "one alert mail");
        assertEquals("offHours", outcome(submitIdentifier(new Login(server), p.practitioner().rpps())));
        assertEquals(1, alerts(mailbox.to(p.practitioner().email(), 3)), "at most one alert mail an hour");
    }

    @Test
    void sundaysAndHolidaysHaveNoWindow() {
        Enrolled p = ordinaryPractitioner();
        vigie.clockAt(vigie.tuesdayAt(10, 0).with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.SUNDAY)));
        assertEquals("offHours", outcome(submitIdentifier(new Login(server), p.practitioner().rpps())));
        vigie.clockAt(ZonedDateTime.of(2026, 12, 25, 10, 0, 0, 0, Vigie.PARIS));
        assertEquals("offHours", outcome(submitIdentifier(new Login(server), p.practitioner().rpps())));
        vigie.clockAt(ZonedDateTime.of(2026, 12, 24, 10, 0, 0, 0, Vigie.PARIS));
        assertNotNull(new Login(server).typeIdentifier(p.practitioner().rpps()).page().document().selectFirst("#vigie-waiting"));
    }

    @Test
    void challengeCreatedAt2059AndApprovedAt2101IsRefused() {
        Enrolled p = ordinaryPractitioner();
        vigie.clockAt(vigie.tuesdayAt(20, 59).withSecond(10));
        Login login = new Login(server).typeIdentifier(p.practitioner().rpps());
        String id = p.device().pending().challenges().get(0).id();
        vigie.clockAt(vigie.tuesdayAt(21, 1));
        DecisionResult late = p.device().decide(id, "approve", login.code(), Vigie.PIN);
        assertEquals(403, late.status(), late.http().toString());
        assertEquals("outside_allowed_hours", late.error());
        assertEquals("offHours", outcome(login.submitWaitingForm()));
        assertFalse(login.reachedRelyingParty());
        assertNotNull(event(p.practitioner(), "off_hours_approval"), "a distinct event for the approval-time refusal");
    }

    @Test
    void onCallExceptionOfThePractitionerOpensTheNight() {
        ZonedDateTime night = vigie.tuesdayAt(23, 30);
        Practitioner practitioner = vigie.newPractitioner(List.of(
                night.minusHours(2).toLocalDateTime() + "/" + night.plusHours(8).toLocalDateTime()));
        DeviceClient device = vigie.enrolledDevice(practitioner);
        vigie.clockAt(night);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(device.decide(device.pending().challenges().get(0).id(), "approve", login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty());
        // Outside the exception's range, the night is closed again.
        vigie.clockAt(night.plusDays(1).withHour(22).withMinute(0));
        assertEquals("offHours", outcome(submitIdentifier(new Login(server), practitioner.rpps())));
    }

    @Test
    void nightShiftDeclaredOnAGroupCoversItsMembers() {
        ZonedDateTime night = vigie.tuesdayAt(2, 0).plusDays(1);
        String groupName = "garde-nuit-" + System.nanoTime();
        var created = vigie.admin().send("POST", "/groups", Map.of("name", groupName,
                "attributes", Map.of("vigieOnCall", List.of(night.minusHours(4).toLocalDateTime() + "/" + night.plusHours(4).toLocalDateTime()))));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        String groupId = location.substring(location.lastIndexOf('/') + 1);
        Enrolled p = ordinaryPractitioner();
        assertEquals(204, vigie.admin().send("PUT", "/users/" + p.practitioner().userId() + "/groups/" + groupId, null).statusCode());
        vigie.clockAt(night);
        Login login = new Login(server).typeIdentifier(p.practitioner().rpps());
        assertTrue(p.device().decide(p.device().pending().challenges().get(0).id(), "approve", login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty());
    }

    @Test
    void theFourthPushInFifteenMinutesIsHeldBackButTheLoginStillWorks() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        for (int i = 0; i < 3; i++) {
            Login login = new Login(server).typeIdentifier(practitioner.rpps());
            assertTrue(notified(Vigie.listed(device, login.challengeId())), "push " + (i + 1) + " is sent");
        }
        Login fourth = new Login(server).typeIdentifier(practitioner.rpps());
        assertNotNull(fourth.page().document().selectFirst("#vigie-waiting"), "the same neutral page as for anyone");
        assertFalse(notified(Vigie.listed(device, fourth.challengeId())), "no notification for the fourth login");
        JsonNode limited = vigie.identifierEvents(practitioner, "push_rate_limited").get(0);
        assertEquals("push_rate_limited_user", limited.path("details").path("vigie_limit").asText());
        // Limits hold back notifications, never the login: the practitioner opens the app and approves it.
        assertTrue(device.approveByCode(fourth.code(), Vigie.PIN).ok());
        fourth.submitWaitingForm();
        assertTrue(fourth.reachedRelyingParty(), fourth.page().text());
    }

    @Test
    void pushesFromOneIpAcrossPractitionersAreLimited() {
        Map<String, String> previous = vigie.riskConfig(Map.of("maxPushesPerIp", "2"));
        try {
            String address = "127.0.1." + (10 + new java.util.Random().nextInt(200));
            Practitioner first = vigie.newPractitioner();
            Practitioner second = vigie.newPractitioner();
            Practitioner third = vigie.newPractitioner();
            DeviceClient thirdDevice = vigie.enrolledDevice(third);
            Login.from(server, address).typeIdentifier(first.rpps());
            Login.from(server, address).typeIdentifier(second.rpps());
            Login held = Login.from(server, address).typeIdentifier(third.rpps());
            assertFalse(notified(Vigie.listed(thirdDevice, held.challengeId())), "at most 2 pushes from one address");
            assertEquals("push_rate_limited_ip",
                    vigie.identifierEvents(third, "push_rate_limited").get(0).path("details").path("vigie_limit").asText());
            // Another address is not held back by this one.
            Login elsewhere = Login.from(server, "127.0.2.7").typeIdentifier(third.rpps());
            assertTrue(notified(Vigie.listed(thirdDevice, elsewhere.challengeId())));
        } finally {
            vigie.riskConfig(previous);
        }
    }

    @Test
    void pushesSinceTheLastSuccessAreCappedAndASuccessStartsTheCountAgain() {
        Map<String, String> previous = vigie.riskConfig(Map.of("maxPushesPerUser", "100", "maxPushesSinceSuccess", "2"));
        try {
            Practitioner practitioner = vigie.newPractitioner();
            DeviceClient device = vigie.enrolledDevice(practitioner);
            Login first = new Login(server).typeIdentifier(practitioner.rpps());
            assertTrue(device.approveByCode(first.code(), Vigie.PIN).ok());
            first.submitWaitingForm();
            assertTrue(first.reachedRelyingParty());
            // Without the reset, the first push would count: only one more would be allowed.
            Login second = new Login(server).typeIdentifier(practitioner.rpps());
            Login third = new Login(server).typeIdentifier(practitioner.rpps());
            assertTrue(notified(Vigie.listed(device, second.challengeId())));
            assertTrue(notified(Vigie.listed(device, third.challengeId())), "two pushes since the success");
            Login fourth = new Login(server).typeIdentifier(practitioner.rpps());
            assertFalse(notified(Vigie.listed(device, fourth.challengeId())), "the third push since the success is held back");
            assertEquals("push_rate_limited_since_success",
                    vigie.identifierEvents(practitioner, "push_rate_limited").get(0).path("details").path("vigie_limit").asText());
        } finally {
            vigie.riskConfig(previous);
        }
    }

    private static boolean notified(org.vigie.simulator.PendingChallenge challenge) {
        return challenge.json().path("notified").asBoolean();
    }

    @Test
    void stepUpActionLetsTheLoginGoOnButRequiresTheStepUpSubFlow() throws Exception {
        String forms = java.net.URLEncoder.encode("vigie-browser forms", java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        String subflow = "vigie step-up it " + System.nanoTime();
        var created = vigie.admin().send("POST", "/authentication/flows/" + forms + "/executions/flow",
                Map.of("alias", subflow, "type", "basic-flow", "provider", "registration-page-form", "description", "test"));
        assertEquals(201, created.statusCode(), created.body());
        String subflowPath = java.net.URLEncoder.encode(subflow, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals(201, vigie.admin().send("POST", "/authentication/flows/" + subflowPath + "/executions/execution",
                Map.of("provider", "conditional-vigie-step-up")).statusCode());
        // The "stronger factor" of this test refuses everyone: it shows the sub-flow really runs.
        assertEquals(201, vigie.admin().send("POST", "/authentication/flows/" + subflowPath + "/executions/execution",
                Map.of("provider", "deny-access-authenticator")).statusCode());
        for (JsonNode execution : vigie.admin().get("/authentication/flows/" + forms + "/executions")) {
            String requirement = subflow.equals(execution.path("displayName").asText()) ? "CONDITIONAL"
                    : List.of("conditional-vigie-step-up", "deny-access-authenticator").contains(execution.path("providerId").asText())
                    ? "REQUIRED" : null;
            if (requirement != null) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) execution).put("requirement", requirement);
                var updated = vigie.admin().send("PUT", "/authentication/flows/" + forms + "/executions", execution);
                assertEquals(204, updated.statusCode(), updated.body());
            }
        }
        Map<String, String> previous = vigie.riskConfig(Map.of("offHoursAction", "step-up"));
        try {
            Enrolled p = ordinaryPractitioner();
            // In the windows: no step-up, the login succeeds.
            Login day = new Login(server).typeIdentifier(p.practitioner().rpps());
            assertTrue(p.device().decide(p.device().pending().challenges().get(0).id(), "approve", day.code(), Vigie.PIN).ok());
            day.submitWaitingForm();
            assertTrue(day.reachedRelyingParty(), day.page().text());
            // At night: the push goes out, the approval is accepted, then the step-up sub-flow decides.
            vigie.clockAt(vigie.tuesdayAt(23, 30));
            Login night = new Login(server).typeIdentifier(p.practitioner().rpps());
            DecisionResult approved = p.device().decide(p.device().pending().challenges().get(0).id(), "approve", night.code(), Vigie.PIN);
            assertTrue(approved.ok(), approved.http().toString());
            night.submitWaitingForm();
            assertFalse(night.reachedRelyingParty(), "the step-up sub-flow ran and refused: " + night.page().text());
        } finally {
            vigie.restoreRiskConfig(previous);
            for (JsonNode execution : vigie.admin().get("/authentication/flows/" + forms + "/executions")) {
                if (subflow.equals(execution.path("displayName").asText())) {
                    vigie.admin().send("DELETE", "/authentication/executions/" + execution.path("id").asText(), null);
                }
            }
        }
    }

    @Test
    void anInvalidPolicyRefusesEveryLoginAndIsReported() {
        Map<String, String> previous = vigie.riskConfig(Map.of("window.tuesday", "7h-21h"));
        try {
            Enrolled p = ordinaryPractitioner();
            Browser.Page page = submitIdentifier(new Login(server), p.practitioner().rpps());
            assertEquals("unavailable", outcome(page));
            assertTrue(p.device().pending().challenges().isEmpty());
            JsonNode report = vigie.admin().get("/vigie/risk-policies");
            assertFalse(report.get(0).get("valid").asBoolean(), report.toString());
            assertTrue(report.get(0).get("problems").toString().contains("7h-21h"), report.toString());
        } finally {
            vigie.restoreRiskConfig(previous);
        }
        assertTrue(vigie.admin().get("/vigie/risk-policies").get(0).get("valid").asBoolean());
    }

    private static Browser.Page submitIdentifier(Login login, String rpps) {
        return login.identify(rpps).page();
    }

    private static long alerts(List<Mailbox.Mail> mails) {
        return mails.stream().filter(m -> m.subject().contains("bloquée")).count();
    }

    private static String outcome(Browser.Page page) {
        var result = page.document().selectFirst("#vigie-result");
        if (result == null) {
            throw new AssertionError("no result page: " + page.text());
        }
        return result.attr("data-outcome");
    }

    private static JsonNode event(Practitioner practitioner, String reason) {
        for (JsonNode event : vigie.userEvents(practitioner)) {
            if (reason.equals(event.path("details").path("vigie_reason").asText())) {
                return event;
            }
        }
        return null;
    }
}
