package org.vigie.delegation;

import org.vigie.common.ClientNames;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.vigie.common.DelegationNotes;
import org.vigie.common.PractitionerMail;
import org.vigie.events.VigieEvents;

/**
 * Delegated sessions as the rest of Vigie sees them. A delegation is the practitioner's own
 * Keycloak user session with {@link DelegationNotes}: cluster-replicated and persisted like every
 * session, ended like every session (so a refresh fails at once), listed among the practitioner's
 * sessions in the admin console. Nothing is kept anywhere else.
 */
public final class Delegations {

    public static final String REASON_OPENED = "delegation_opened";
    public static final String REASON_USED = "delegation_used";
    public static final String REASON_ENDED = "delegation_ended";
    public static final String REASON_REFUSED = "delegation_refused";
    public static final String DETAIL_DELEGATION = "vigie_delegation";
    public static final String DETAIL_ASSISTANT = "vigie_assistant";
    public static final String DETAIL_ASSISTANT_IDENTIFIER = "vigie_assistant_identifier";
    public static final String DETAIL_UNTIL = "vigie_delegation_until";
    public static final String DETAIL_ENDED_BY = "vigie_ended_by";

    public enum EndedBy {
        PRACTITIONER, ASSISTANT, OPERATOR, EXPIRY;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Delegations() {
    }

    /** The practitioner's delegated sessions still open. */
    public static List<UserSessionModel> of(KeycloakSession session, RealmModel realm, UserModel practitioner) {
        long now = Time.currentTime();
        return session.sessions().getUserSessionsStream(realm, practitioner)
                .filter(s -> DelegationNotes.of(s).filter(d -> !d.overAt(now)).isPresent())
                .collect(Collectors.toList());
    }

    /** The practitioner's open delegated session with this delegation id. */
    public static Optional<UserSessionModel> find(KeycloakSession session, RealmModel realm, UserModel practitioner, String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return Optional.empty();
        }
        return of(session, realm, practitioner).stream()
                .filter(s -> id.equals(DelegationNotes.of(s).map(DelegationNotes::id).orElse(null))).findFirst();
    }

    /** Ends a delegated session (Keycloak's logout: clients with back-channel logout are told) and records who ended it. */
    public static void end(KeycloakSession session, RealmModel realm, UserSessionModel userSession, EndedBy by,
                           ClientConnection connection) {
        DelegationNotes delegation = DelegationNotes.of(userSession).orElseThrow();
        event(session, realm, connection, EventType.LOGOUT, userSession.getUser(), delegation)
                .session(userSession.getId())
                .detail(VigieEvents.DETAIL_REASON, REASON_ENDED)
                .detail(DETAIL_ENDED_BY, by.value())
                .success();
        AuthenticationManager.backchannelLogout(session, userSession, true);
    }

    /** An event naming both people: the practitioner as the user, the assistant in the details. */
    static EventBuilder event(KeycloakSession session, RealmModel realm, ClientConnection connection, EventType type,
                              UserModel practitioner, DelegationNotes delegation) {
        EventBuilder event = VigieEvents.builder(session, realm, connection).event(type).user(practitioner)
                .detail(DETAIL_DELEGATION, delegation.id())
                .detail(DETAIL_ASSISTANT, delegation.assistantId())
                .detail(DETAIL_ASSISTANT_IDENTIFIER, delegation.assistantIdentifier())
                .detail(DETAIL_UNTIL, Long.toString(delegation.until()));
        ClientModel client = realm.getClientByClientId(delegation.clientId());
        if (client != null) {
            event.client(client);
        }
        return event;
    }

    /** What the app and the admin REST show of a delegated session. */
    static Map<String, Object> describe(RealmModel realm, UserSessionModel userSession) {
        DelegationNotes delegation = DelegationNotes.of(userSession).orElseThrow();
        ClientModel client = realm.getClientByClientId(delegation.clientId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", delegation.id());
        out.put("practitionerId", userSession.getUser().getId());
        out.put("assistantId", delegation.assistantId());
        out.put("assistantIdentifier", delegation.assistantIdentifier());
        out.put("assistantName", delegation.assistantName());
        out.put("clientId", delegation.clientId());
        out.put("clientName", client == null ? delegation.clientId() : clientName(client));
        out.put("startedAt", userSession.getStarted());
        out.put("until", delegation.until());
        out.put("ipAddress", userSession.getIpAddress());
        out.put("sessionId", userSession.getId());
        return out;
    }

    static String clientName(ClientModel client) {
        return ClientNames.display(client);
    }

    /**
     * Mails the practitioner the first time a delegation is opened on a given (local) day: one
     * cluster-wide claim per practitioner and day, so two nodes never both send it.
     */
    static void mailFirstOfDay(KeycloakSession session, RealmModel realm, UserModel practitioner, ZoneId zone,
                               Map<String, Object> attributes) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochSecond(Time.currentTime()), zone);
        String key = "vigie.delegation-mail." + realm.getId() + "." + practitioner.getId() + "." + today;
        if (session.getProvider(SingleUseObjectProvider.class).putIfAbsent(key, 36 * 3600)) {
            PractitionerMail.send(session, realm, practitioner, "vigie-delegation-opened.ftl", "vigieDelegationOpenedSubject", attributes);
        }
    }
}
