package org.vigie.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;

/**
 * Writes a directory entry onto the practitioner's Keycloak user, under the attribute names the
 * identifier step and the claim mappers already read, so that neither needs to know where the data
 * came from. The user keeps the entry's hash: an unchanged entry is never written again.
 */
final class DirectoryUser {

    /** Content hash of the directory entry last written onto the user. */
    static final String HASH_ATTRIBUTE = "vigieDirectoryHash";
    /** When the practitioner was found absent from the directory (epoch seconds); cleared when they come back. */
    static final String LEFT_ATTRIBUTE = "vigieDirectoryLeft";
    /** The attribute names the claim mappers read by default. */
    static final String CIVILITE_ATTRIBUTE = "codeCivilite";
    static final String EXERCICE_ATTRIBUTE = "pscExercice";
    static final String PHONE_ATTRIBUTE = "phoneNumber";

    private static final Logger LOG = Logger.getLogger(DirectoryUser.class);

    private DirectoryUser() {
    }

    /** What {@link #sync} did to the user. */
    enum Change { NONE, UPDATED, DISABLED, ENABLED }

    /**
     * Brings an imported user in line with its entry: data when the hash differs, disabled when the
     * entry is inactive, enabled again when it comes back (only if Vigie itself disabled it).
     */
    static Change sync(RealmModel realm, UserModel user, DirectoryEntryEntity entry) {
        if (!entry.isActive()) {
            return leave(user) ? Change.DISABLED : Change.NONE;
        }
        Change change = Change.NONE;
        if (!entry.getHash().equals(user.getFirstAttribute(HASH_ATTRIBUTE))) {
            write(realm, user, entry);
            change = Change.UPDATED;
        }
        return comeBack(user) ? Change.ENABLED : change;
    }

    /** {@link #sync}, and the event of a practitioner disabled or enabled by it: whichever path applies a change announces it. */
    static Change syncAndAnnounce(KeycloakSession session, RealmModel realm, UserModel user, DirectoryEntryEntity entry) {
        Change change = sync(realm, user, entry);
        if (change == Change.DISABLED || change == Change.ENABLED) {
            announce(session, realm, user, entry.getNationalId(),
                    change == Change.DISABLED ? DirectoryImport.REASON_LEFT : DirectoryImport.REASON_RETURNED);
        }
        return change;
    }

    /** Disables a practitioner absent from the directory, noting that Vigie did it; false if already disabled. */
    static boolean leave(UserModel user) {
        if (!user.isEnabled()) {
            return false;
        }
        user.setEnabled(false);
        user.setSingleAttribute(LEFT_ATTRIBUTE, Long.toString(Time.currentTime()));
        return true;
    }

    /**
     * Enables a practitioner back in the directory, only if Vigie disabled them and nobody enabled
     * them since; false otherwise.
     */
    static boolean comeBack(UserModel user) {
        if (user.getFirstAttribute(LEFT_ATTRIBUTE) == null) {
            return false;
        }
        if (user.isEnabled()) {
            // An operator enabled them since Vigie disabled them: the enabled flag is the operator's
            // from now on, so a later disable by the operator is never undone by an import.
            user.removeAttribute(LEFT_ATTRIBUTE);
            return false;
        }
        user.setEnabled(true);
        user.removeAttribute(LEFT_ATTRIBUTE);
        return true;
    }

    /** The event of a practitioner disabled or enabled by an import: {@code UPDATE_PROFILE} with the reason. */
    static void announce(KeycloakSession session, RealmModel realm, UserModel user, String nationalId, String reason) {
        // validate() may also run outside a request (a background job has no client connection).
        ClientConnection connection = session.getContext().getConnection();
        EventBuilder event = connection == null ? new EventBuilder(realm, session) : VigieEvents.builder(session, realm, connection);
        event.event(EventType.UPDATE_PROFILE)
                .user(user).detail(VigieEvents.DETAIL_REASON, reason).detail("vigie_national_id", nationalId)
                .success();
    }

    static void write(RealmModel realm, UserModel user, DirectoryEntryEntity entry) {
        JsonNode data = parse(entry.getData());
        PractitionerLookup lookup = PractitionerLookup.ofBrowserFlow(realm);
        setOrRemove(user, lookup.attributeFor(NationalIdentifier.Type.RPPS), data.path("rpps").asText(""));
        setOrRemove(user, lookup.attributeFor(NationalIdentifier.Type.ADELI), data.path("adeli").asText(""));
        setOrRemove(user, CIVILITE_ATTRIBUTE, data.path("codeCivilite").asText(""));
        setOrRemove(user, PHONE_ATTRIBUTE, data.path("telephone").asText(""));
        user.setFirstName(data.path("prenom").asText(""));
        user.setLastName(data.path("nom").asText(""));
        String email = data.path("email").asText("");
        if (!email.isEmpty() && !email.equalsIgnoreCase(user.getEmail())) {
            try {
                user.setEmail(email);
                // The directory's correspondence address is the one the Ordre verified.
                user.setEmailVerified(true);
            } catch (ModelDuplicateException e) {
                LOG.warnf("Directory entry %s: e-mail already used by another user of realm %s; left out",
                        entry.getNationalId(), realm.getName());
            }
        }
        List<String> exercices = new ArrayList<>();
        data.path("exercices").forEach(exercice -> exercices.add(exercice.toString()));
        user.setAttribute(EXERCICE_ATTRIBUTE, exercices);
        user.setSingleAttribute(HASH_ATTRIBUTE, entry.getHash());
    }

    private static void setOrRemove(UserModel user, String attribute, String value) {
        if (value.isEmpty()) {
            user.removeAttribute(attribute);
        } else {
            user.setSingleAttribute(attribute, value);
        }
    }

    static JsonNode parse(String data) {
        try {
            return JsonSerialization.mapper.readTree(data);
        } catch (IOException e) {
            throw new IllegalStateException("directory entry is not JSON", e);
        }
    }
}
