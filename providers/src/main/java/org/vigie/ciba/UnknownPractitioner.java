package org.vigie.ciba;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.light.LightweightUserAdapter;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;

/**
 * Stands, for one backchannel request, for an identifier no enabled practitioner holds: Keycloak's
 * CIBA endpoint answers {@code invalid user} for a missing user, which would tell who is enrolled.
 * With this, the request goes on like any other (same answer, a challenge nobody's device lists)
 * and simply expires. Never stored; its random id names no user, so no token can be issued for it.
 */
final class UnknownPractitioner extends AbstractInMemoryUserAdapter {

    UnknownPractitioner(KeycloakSession session, RealmModel realm, String nationalId) {
        super(session, realm, KeycloakModelUtils.generateId());
        setUsername(nationalId);
        setEnabled(true);
        setReadonly(true);
    }

    /**
     * No credentials: nothing to check, nothing to count. Keycloak's empty manager is package
     * private; a transient user hands it out. (Not a transient user itself: their longer ids would
     * make the encrypted auth_req_id longer than a real practitioner's.)
     */
    @Override
    public SubjectCredentialManager credentialManager() {
        return new LightweightUserAdapter(session, realm, getId()).credentialManager();
    }
}
