package org.vigie.device;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * One attempt at an activation code, in a short transaction of its own under a row lock on the
 * code's credential: concurrent attempts (on any node) queue on the database, each wrong one is
 * counted on the count the previous one left, and the first right one removes the code, so the
 * others find none.
 */
final class CodeRedemption {

    private CodeRedemption() {
    }

    static ActivationCodes.Outcome redeem(KeycloakSession session, RealmModel realm, UserModel user, String codeId,
                                          String candidate, boolean consume) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), session.getContext(),
                    s -> attempt(s, realm.getId(), user.getId(), codeId, candidate, consume), "vigie-activation-code");
        } catch (PersistenceException | ModelException e) {
            return ActivationCodes.Outcome.BUSY;
        }
    }

    private static ActivationCodes.Outcome attempt(KeycloakSession s, String realmId, String userId, String codeId,
                                                   String candidate, boolean consume) {
        EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
        CredentialEntity row = em.find(CredentialEntity.class, codeId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !ActivationCodes.TYPE.equals(row.getType()) || !userId.equals(row.getUser().getId())) {
            // Redeemed or withdrawn while this attempt waited.
            CodeHmac.dummy(candidate);
            return ActivationCodes.Outcome.REFUSED;
        }
        ActivationCodes.CodeData data = ActivationCodes.read(row.getCredentialData());
        if (Time.currentTime() >= data.expiresAt) {
            CodeHmac.dummy(candidate);
            remove(s, em, realmId, userId, row);
            return ActivationCodes.Outcome.REFUSED;
        }
        if (ActivationCodes.matches(s, data, row.getSecretData(), candidate)) {
            if (!consume) {
                return ActivationCodes.Outcome.RIGHT_NOT_USED;
            }
            remove(s, em, realmId, userId, row);
            return ActivationCodes.Outcome.ACCEPTED;
        }
        data.attempts++;
        if (data.attempts >= data.maxAttempts) {
            remove(s, em, realmId, userId, row);
            return ActivationCodes.Outcome.EXHAUSTED;
        }
        row.setCredentialData(ActivationCodes.write(data));
        PinAttempts.evict(s, realmId, userId);
        return ActivationCodes.Outcome.REFUSED;
    }

    private static void remove(KeycloakSession s, EntityManager em, String realmId, String userId, CredentialEntity row) {
        em.remove(row);
        PinAttempts.evict(s, realmId, userId);
    }
}
