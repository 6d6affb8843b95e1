package org.vigie.device;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.vigie.common.SlidingWindowSlots;
import org.vigie.common.BoundedSetting;
import org.vigie.common.ClientAddresses;
import java.util.Map;

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
    static final BoundedSetting PER_ADDRESS = new BoundedSetting(CONFIG_PER_ADDRESS, DEFAULT_PER_ADDRESS, 1, MAX_SETTING);
    static final BoundedSetting PER_MINUTE = new BoundedSetting(CONFIG_PER_MINUTE, DEFAULT_PER_MINUTE, 1, MAX_SETTING);
    static final long ADDRESS_WINDOW_SECONDS = 15 * 60;
    /** A realm-wide refusal looks at this many random slots, not all of them: refusing stays cheap. */
    static final int REALM_PROBES = 8;

    static EnrolmentLimits of(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(DeviceEnrolmentRequiredActionFactory.PROVIDER_ID);
        Map<String, String> values = config == null ? null : config.getConfig();
        return new EnrolmentLimits(PER_ADDRESS.read(values), PER_MINUTE.read(values));
    }

    boolean allowAddress(KeycloakSession session, RealmModel realm, String address) {
        return SlidingWindowSlots.claim(session.getProvider(SingleUseObjectProvider.class),
                "vigie.enrol-address." + realm.getId() + "." + ClientAddresses.limitKey(address), perAddress, ADDRESS_WINDOW_SECONDS);
    }

    boolean allowRealm(KeycloakSession session, RealmModel realm) {
        return SlidingWindowSlots.claim(session.getProvider(SingleUseObjectProvider.class),
                "vigie.enrol-realm." + realm.getId(), perMinute, 60, REALM_PROBES);
    }
}
