package org.vigie.common;

import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * E-mails to the practitioner through Keycloak's e-mail sender and the realm's SMTP settings;
 * texts come from theme messages. A mail that cannot be sent is logged, never fatal.
 */
public final class PractitionerMail {

    private static final Logger LOG = Logger.getLogger(PractitionerMail.class);

    private PractitionerMail() {
    }

    /** @return whether the mail went out */
    public static boolean send(KeycloakSession session, RealmModel realm, UserModel user, String template, String subjectKey,
                               Map<String, Object> attributes) {
        Map<String, String> smtp = realm.getSmtpConfig();
        if (user.getEmail() == null || smtp == null || smtp.getOrDefault("host", "").isBlank()) {
            LOG.debugf("No %s mail for user %s: no e-mail address or no SMTP server configured", template, user.getId());
            return false;
        }
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(subjectKey, List.of(), template, new java.util.HashMap<>(attributes)); // Keycloak adds to the map
            return true;
        } catch (EmailException e) {
            LOG.warnf(e, "Could not send %s to user %s", template, user.getId());
            return false;
        }
    }
}
