package org.vigie.device;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.vigie.common.SlidingWindowSlots;

/**
 * How many enrolment attempts anonymous callers get, cluster-wide (Keycloak's single-use store):
 * per client address in {@value #ADDRESS_WINDOW_SECONDS} s and for the whole realm per minute,
 * set on the "Vigie: enrol a device" required action.
 */
record EnrolmentLimits(int perAddress, int perMinute) {

    static final String CONFIG_PER_ADDRESS = "enrolAttemptsPerAddress";
    static final String CONFIG_PER_MINUTE = "enrolAttemptsPerMinute";
    static final int DEFAULT_PER_ADDRESS = 20;
    static final int DEFAULT_PER_MINUTE = 600;
    static final int MAX_SETTING = 100_000;
    static final long ADDRESS_WINDOW_SECONDS = 15 * 60;
    /** A realm-wide refusal looks at this many random slots, not all of them: refusing stays cheap. */
    static final int REALM_PROBES = 8;

    static EnrolmentLimits of(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(DeviceEnrolmentRequiredActionFactory.PROVIDER_ID);
        return new EnrolmentLimits(setting(config, CONFIG_PER_ADDRESS, DEFAULT_PER_ADDRESS),
                setting(config, CONFIG_PER_MINUTE, DEFAULT_PER_MINUTE));
    }

    boolean allowAddress(KeycloakSession session, RealmModel realm, String address) {
        return SlidingWindowSlots.claim(session.getProvider(SingleUseObjectProvider.class),
                "vigie.enrol-address." + realm.getId() + "." + address, perAddress, ADDRESS_WINDOW_SECONDS);
    }

    boolean allowRealm(KeycloakSession session, RealmModel realm) {
        return SlidingWindowSlots.claim(session.getProvider(SingleUseObjectProvider.class),
                "vigie.enrol-realm." + realm.getId(), perMinute, 60, REALM_PROBES);
    }

    /** The setting as a whole number in 1…{@value #MAX_SETTING}, or null when it is not one. */
    static Integer parse(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            return n >= 1 && n <= MAX_SETTING ? n : null;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static int setting(RequiredActionConfigModel config, String name, int fallback) {
        String value = config == null ? null : config.getConfigValue(name);
        Integer parsed = value == null || value.isBlank() ? null : parse(value);
        return parsed == null ? fallback : parsed;
    }
}
