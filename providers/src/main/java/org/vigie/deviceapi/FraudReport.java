package org.vigie.deviceapi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.challenge.PushChallenge;
import org.vigie.common.PractitionerMail;
import org.vigie.events.VigieEvents;
import org.vigie.risk.FraudSuspension;

/** "Ce n'est pas moi": pushes stop for a while, operators see it, the practitioner is told what to do. */
final class FraudReport {

    static final String MAIL_TEMPLATE = "vigie-fraud-reported.ftl";

    private FraudReport() {
    }

    /** Called once the login was settled as reported (the browser is told by the store). */
    static void record(KeycloakSession session, RealmModel realm, SignedDeviceRequest request, PushChallenge challenge) {
        UserModel user = request.user();
        FraudSuspension.suspend(user, challenge.policy().fraudSuspensionMinutes());
        DeviceEvents.of(session, realm, request, challenge, EventType.LOGIN_ERROR)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_FRAUD_REPORTED)
                .detail("vigie_suspended_until", Long.toString(FraudSuspension.until(user)))
                .error(VigieEvents.REASON_FRAUD_REPORTED);
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("clientName", challenge.requester().clientName());
        mail.put("ipAddress", challenge.requester().ipAddress());
        mail.put("userAgent", challenge.requester().userAgent());
        mail.put("requestedAt", Instant.ofEpochSecond(challenge.createdAt()).toString());
        mail.put("suspensionMinutes", challenge.policy().fraudSuspensionMinutes());
        mail.put("reportContact", challenge.policy().reportContact());
        PractitionerMail.send(session, realm, user, MAIL_TEMPLATE, "vigieFraudReportedSubject", mail);
    }
}
