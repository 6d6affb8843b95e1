package org.vigie.risk;

import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;

/**
 * After a "Ce n'est pas moi" report, no push reaches the practitioner for a while. Held as a
 * user attribute (database): it survives restarts, every node sees it, and operators see and
 * clear it on the user's Attributes tab.
 */
public final class FraudSuspension {

    public static final String ATTRIBUTE = "vigieSuspendedUntil";

    private FraudSuspension() {
    }

    public static void suspend(UserModel user, int minutes) {
        if (minutes <= 0) {
            return;
        }
        long until = Time.currentTime() + minutes * 60L;
        long current = until(user);
        user.setSingleAttribute(ATTRIBUTE, Long.toString(Math.max(until, current)));
    }

    public static boolean isSuspended(UserModel user) {
        return until(user) > Time.currentTime();
    }

    public static long until(UserModel user) {
        String value = user.getFirstAttribute(ATTRIBUTE);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
