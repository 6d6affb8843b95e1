package org.vigie.risk;

import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.vigie.common.PractitionerMail;
import org.vigie.events.VigieEvents;

/** Tells the practitioner that something was blocked in their name, at most once an hour. */
public final class RiskAlerts {

    static final long ONE_MAIL_PER_SECONDS = 3600;

    private RiskAlerts() {
    }

    /** A login in the practitioner's name was stopped outside the allowed hours. */
    static void offHoursBlocked(KeycloakSession session, RealmModel realm, UserModel user, String clientName, String ipAddress,
                                String localTime) {
        boolean first = session.getProvider(SingleUseObjectProvider.class)
                .putIfAbsent("vigie.risk-alert." + realm.getId() + "." + user.getId(), ONE_MAIL_PER_SECONDS);
        if (!first) {
            return;
        }
        Map<String, Object> mail = new java.util.LinkedHashMap<>();
        mail.put("clientName", clientName);
        mail.put("ipAddress", ipAddress);
        mail.put("localTime", localTime);
        mail.put("reason", VigieEvents.REASON_OFF_HOURS_PUSH);
        PractitionerMail.send(session, realm, user, "vigie-risk-alert.ftl", "vigieRiskAlertSubject", mail);
    }
}
