package org.vigie.events;

import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Details Vigie adds to Keycloak events, so operators (admin console → Events) and a SIEM can
 * filter on them. Keycloak's event types are an enum, so Vigie keeps its types (LOGIN_ERROR,
 * UPDATE_CREDENTIAL…) and says what happened in {@code vigie_reason}.
 */
public final class VigieEvents {

    public static final String DETAIL_REASON = "vigie_reason";
    public static final String DETAIL_STEP = "vigie_step";
    public static final String DETAIL_CHALLENGE = "vigie_challenge";
    public static final String DETAIL_DEVICE = "vigie_device";
    public static final String DETAIL_BROWSER_IP = "vigie_browser_ip";
    public static final String DETAIL_BROWSER_USER_AGENT = "vigie_browser_user_agent";
    public static final String DETAIL_CREDENTIAL_TYPE = "credential_type";
    /** Who issued an activation code: an operator (admin REST) or the required action. */
    public static final String DETAIL_ISSUED_BY = "vigie_issued_by";

    public static final String REASON_USER_QUIT = "user_quit";
    public static final String REASON_DENIED_ON_DEVICE = "denied_on_device";
    public static final String REASON_FRAUD_REPORTED = "fraud_reported";
    public static final String REASON_WRONG_CODE = "wrong_code";
    public static final String REASON_WRONG_PIN = "wrong_pin";
    public static final String REASON_DEVICE_LOCKED = "device_locked";
    /** Locked by the realm's brute-force detection (too many failed logins, Vigie's included). */
    public static final String REASON_USER_LOCKED = "user_locked";
    public static final String REASON_PUSH_SUSPENDED = "push_suspended";
    public static final String REASON_PUSH_RATE_LIMITED = "push_rate_limited";
    public static final String REASON_OFF_HOURS_PUSH = "off_hours_push";
    public static final String REASON_OFF_HOURS_APPROVAL = "off_hours_approval";
    public static final String REASON_POLICY_MISCONFIGURED = "policy_misconfigured";
    public static final String DETAIL_LIMIT = "vigie_limit";
    public static final String REASON_APPROVED = "approved_on_device";
    public static final String REASON_ACTIVATION_CODE_ISSUED = "activation_code_issued";
    public static final String REASON_ACTIVATION_CODE_REFUSED = "activation_code_refused";
    public static final String REASON_DEVICE_ENROLLED = "device_enrolled";
    public static final String REASON_DEVICE_KEY_ROTATED = "device_key_rotated";
    public static final String REASON_ENROLMENT_LINK_SENT = "enrolment_link_sent";
    /** A push could not be delivered (after its retries); the app's poll still finds the login. */
    public static final String REASON_PUSH_FAILED = "push_failed";
    /** The push service said the device's endpoint or token no longer exists: it was cleared. */
    public static final String REASON_PUSH_ENDPOINT_GONE = "push_endpoint_gone";
    public static final String REASON_PUSH_REGISTERED = "push_registered";
    public static final String REASON_PUSH_UNREGISTERED = "push_unregistered";
    public static final String DETAIL_PUSH_PROVIDER = "vigie_push_provider";
    /** The push service's HTTP status (0: no answer), and what it said, briefly. */
    public static final String DETAIL_PUSH_STATUS = "vigie_push_status";
    public static final String DETAIL_PUSH_ERROR = "vigie_push_error";
    public static final String DETAIL_PUSH_ATTEMPTS = "vigie_push_attempts";

    private VigieEvents() {
    }

    /** Marks the event Keycloak's {@code cancelLogin()} is about to send as a deliberate quit. */
    public static void userQuit(EventBuilder event, String step) {
        event.detail(DETAIL_REASON, REASON_USER_QUIT).detail(DETAIL_STEP, step);
    }

    /**
     * Records a refusal shown as a page ({@code failureChallenge}): Keycloak's flow does not send
     * an event for those, so the step sends its own, with the flow's client, IP and user.
     */
    public static void loginRefused(EventBuilder flowEvent, String reason) {
        flowEvent.clone().event(EventType.LOGIN_ERROR).detail(DETAIL_REASON, reason).error(reason);
    }

    /** A builder for events raised outside a login flow (device API, admin API). */
    public static EventBuilder builder(KeycloakSession session, RealmModel realm, ClientConnection connection) {
        return new EventBuilder(realm, session, connection);
    }

    /** No push was sent for this login, and why (the browser is not told). */
    public static void pushRefused(KeycloakSession session, RealmModel realm, ClientConnection connection, ClientModel client,
                                   UserModel user, String reason) {
        EventBuilder event = builder(session, realm, connection).event(EventType.LOGIN_ERROR).user(user)
                .detail(DETAIL_REASON, reason);
        if (client != null) {
            event.client(client);
        }
        event.error(reason);
    }
}
