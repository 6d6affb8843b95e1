package org.vigie.risk;

import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.vigie.common.PractitionerMail;

/** Tells the practitioner that something was blocked in their name, at most once an hour. */
public final class RiskAlerts {

    static final long ONE_MAIL_PER_SECONDS = 3600;

    private RiskAlerts() {
    }

    public static void blocked(KeycloakSession session, RealmModel realm, UserModel user, String reason, Map<String, Object> attributes) {
        boolean first = session.getProvider(SingleUseObjectProvider.class)
                .putIfAbsent("vigie.risk-alert." + realm.getId() + "." + user.getId(), ONE_MAIL_PER_SECONDS);
        if (!first) {
            return;
        }
        Map<String, Object> mail = new java.util.LinkedHashMap<>(attributes);
        mail.put("reason", reason);
        PractitionerMail.send(session, realm, user, "vigie-risk-alert.ftl", "vigieRiskAlertSubject", mail);
    }
}
