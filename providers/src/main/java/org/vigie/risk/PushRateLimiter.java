package org.vigie.risk;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.vigie.common.ClientAddresses;
import org.vigie.common.SlidingWindowSlots;

/**
 * Counts push notifications in Keycloak's cluster-wide single-use store without counters: a limit
 * of N is N numbered slots, each claimed with {@code putIfAbsent} (atomic across the cluster,
 * visible at once) and expiring by itself, so a window is a true sliding window and concurrent
 * logins cannot overshoot.
 *
 * <p>Everything is keyed on the national identifier typed, never on a user: the login page does the
 * same work for an identifier nobody holds, so its timing tells nothing. See {@link PushLimits}.
 */
public final class PushRateLimiter {

    /** Which limit held a notification back; named in the event. */
    public enum Limit {
        USER("push_rate_limited_user"),
        USER_ALL_ADDRESSES("push_rate_limited_user_all_addresses"),
        IP("push_rate_limited_ip"),
        SINCE_SUCCESS("push_rate_limited_since_success");

        private final String detail;

        Limit(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /**
     * Notifications since the last success are remembered this long: long enough to stop a slow
     * bombing campaign from one address. It holds back notifications only, never a login.
     */
    static final long SINCE_SUCCESS_LIFESPAN = 24L * 3600;
    /**
     * A browser address from which the practitioner logged in is remembered this long: its logins
     * are not held back by the all-addresses limit, which strangers elsewhere can use up.
     */
    static final long KNOWN_ADDRESS_LIFESPAN = 30L * 24 * 3600;

    private final SingleUseObjectProvider store;

    public PushRateLimiter(KeycloakSession session) {
        this.store = session.getProvider(SingleUseObjectProvider.class);
    }

    /**
     * Claims one notification for a login of this identifier from this address, or says which
     * limit is reached. Slots claimed before a refusal stay claimed: refused attempts keep counting.
     */
    public Optional<Limit> tryAcquire(String realmId, String nationalId, String ipAddress, PushLimits limits) {
        long window = limits.windowMinutes() * 60L;
        if (!claim(userKey(realmId, nationalId, ClientAddresses.limitKey(ipAddress)), limits.perUser(), window)) {
            return Optional.of(Limit.USER);
        }
        // The practitioner's own addresses keep their pushes when strangers elsewhere bomb the identifier.
        if (!store.contains(knownAddressKey(realmId, nationalId, ipAddress))
                && !claim(userAllKey(realmId, nationalId), limits.perUserAllAddresses(), window)) {
            return Optional.of(Limit.USER_ALL_ADDRESSES);
        }
        if (!claim(sourceKey(realmId, ClientAddresses.limitKey(ipAddress)), limits.perIp(), window)) {
            return Optional.of(Limit.IP);
        }
        if (!claim(sinceSuccessKey(realmId, nationalId, ClientAddresses.limitKey(ipAddress)), limits.sinceSuccess(),
                SINCE_SUCCESS_LIFESPAN)) {
            return Optional.of(Limit.SINCE_SUCCESS);
        }
        return Optional.empty();
    }

    /**
     * The same for a login a service started (CIBA), keyed on the service's client id instead of an
     * address: the service's server speaks for everyone at its kiosks, so its address is nobody's own.
     * It never counts as a known address. The per-identifier limits of this service and the
     * identifier's all-addresses limit bound its pushes to one practitioner; the per-address limit,
     * counted for the service as one source, bounds its pushes to everyone together (a service, or
     * whoever holds its credentials, cannot push every practitioner whose RPPS is public).
     */
    public Optional<Limit> tryAcquireForService(String realmId, String nationalId, String clientId, PushLimits limits) {
        long window = limits.windowMinutes() * 60L;
        String source = serviceSource(clientId);
        if (!claim(userKey(realmId, nationalId, source), limits.perUser(), window)) {
            return Optional.of(Limit.USER);
        }
        if (!claim(userAllKey(realmId, nationalId), limits.perUserAllAddresses(), window)) {
            return Optional.of(Limit.USER_ALL_ADDRESSES);
        }
        if (!claim(sourceKey(realmId, source), limits.perIp(), window)) {
            return Optional.of(Limit.IP);
        }
        if (!claim(sinceSuccessKey(realmId, nationalId, source), limits.sinceSuccess(), SINCE_SUCCESS_LIFESPAN)) {
            return Optional.of(Limit.SINCE_SUCCESS);
        }
        return Optional.empty();
    }

    /** A denial on the device tightens the limit of the address the denied login came from. */
    public void penalise(String realmId, String nationalId, String ipAddress, PushLimits limits) {
        claim(userKey(realmId, nationalId, ClientAddresses.limitKey(ipAddress)), limits.perUser(), limits.windowMinutes() * 60L);
    }

    /** A denial of a login a service started tightens that service's limit for the identifier. */
    public void penaliseService(String realmId, String nationalId, String clientId, PushLimits limits) {
        claim(userKey(realmId, nationalId, serviceSource(clientId)), limits.perUser(), limits.windowMinutes() * 60L);
    }

    /**
     * A successful login, approved on the practitioner's device, from this browser address: the
     * "since last success" counts start again, and the address becomes one of the practitioner's own
     * (none for a login a service started: its address is the service's, not the practitioner's).
     */
    public void succeeded(String realmId, Collection<String> nationalIds, String ipAddress) {
        for (String nationalId : nationalIds) {
            store.put(generationKey(realmId, nationalId), SINCE_SUCCESS_LIFESPAN, Map.of("g", Long.toString(Time.currentTimeMillis(), 36)));
            if (ipAddress != null && !ipAddress.isEmpty()) {
                store.put(knownAddressKey(realmId, nationalId, ipAddress), KNOWN_ADDRESS_LIFESPAN, Map.of());
            }
        }
    }

    private boolean claim(String prefix, int slots, long lifespanSeconds) {
        return SlidingWindowSlots.claim(store, prefix, slots, lifespanSeconds);
    }

    // Short keys: every login holds a few slots on every node's heap for the limits' window.

    /** Where the login came from, in keys: a browser address's limit key, or a service's client id. */
    private static String userKey(String realmId, String nationalId, String source) {
        return "vigie.pu." + realmId + "." + nationalId + "." + source;
    }

    /** One source's pushes, all identifiers together: a browser address's limit key, or a service. */
    private static String sourceKey(String realmId, String source) {
        return "vigie.pi." + realmId + "." + source;
    }

    private static String userAllKey(String realmId, String nationalId) {
        return "vigie.pa." + realmId + "." + nationalId;
    }

    private static String serviceSource(String clientId) {
        // Not an address key: those are IPv4 or IPv6 prefixes, never starting with "client:".
        return "client:" + clientId;
    }

    private String sinceSuccessKey(String realmId, String nationalId, String source) {
        Map<String, String> generation = store.get(generationKey(realmId, nationalId));
        return "vigie.ps." + realmId + "." + nationalId + "." + (generation == null ? "0" : generation.get("g"))
                + "." + source;
    }

    private static String knownAddressKey(String realmId, String nationalId, String ipAddress) {
        return "vigie.pk." + realmId + "." + nationalId + "." + ClientAddresses.limitKey(ipAddress);
    }

    private static String generationKey(String realmId, String nationalId) {
        return "vigie.pg." + realmId + "." + nationalId;
    }
}
