package org.vigie.device;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.vigie.common.ClientAddresses;
import org.vigie.common.SlidingWindowSlots;

/**
 * One attempt at an activation code, in a short transaction of its own under a row lock on the
 * code's credential: concurrent attempts (on any node) queue on the database, and the first right
 * one removes the code, so the others find none.
 *
 * <p>Attempts are counted per code <em>and client address</em> (an IPv6 /64 counts as one), before
 * they are evaluated, in the cluster-wide single-use store: a stranger who knows the RPPS uses up
 * only their own address's tries and cannot withdraw the practitioner's code. Guessing is bounded
 * by the code's 60 bits and by the per-address and realm-wide enrolment limits, not by this cap.
 */
final class CodeRedemption {

    private CodeRedemption() {
    }

    static ActivationCodes.Outcome redeem(KeycloakSession session, RealmModel realm, UserModel user, String codeId,
                                          String candidate, boolean consume, String clientAddress) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), session.getContext(),
                    s -> attempt(s, realm.getId(), user.getId(), codeId, candidate, consume, clientAddress), "vigie-activation-code");
        } catch (PersistenceException | ModelException e) {
            return ActivationCodes.Outcome.BUSY;
        }
    }

    private static ActivationCodes.Outcome attempt(KeycloakSession s, String realmId, String userId, String codeId,
                                                   String candidate, boolean consume, String clientAddress) {
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
        if (!SlidingWindowSlots.claim(s.getProvider(SingleUseObjectProvider.class),
                "vigie.code-attempt." + codeId + "." + ClientAddresses.limitKey(clientAddress), data.maxAttempts,
                Math.max(1, data.expiresAt - Time.currentTime()))) {
            CodeHmac.dummy(candidate);
            return ActivationCodes.Outcome.EXHAUSTED;
        }
        data.attempts++;
        if (ActivationCodes.matches(s, data, row.getSecretData(), candidate)) {
            if (!consume) {
                return ActivationCodes.Outcome.RIGHT_NOT_USED;
            }
            remove(s, em, realmId, userId, row);
            return ActivationCodes.Outcome.ACCEPTED;
        }
        // All addresses' attempts, kept for operators (the admin console shows the code's data).
        row.setCredentialData(ActivationCodes.write(data));
        PinAttempts.evict(s, realmId, userId);
        return ActivationCodes.Outcome.REFUSED;
    }

    private static void remove(KeycloakSession s, EntityManager em, String realmId, String userId, CredentialEntity row) {
        em.remove(row);
        PinAttempts.evict(s, realmId, userId);
    }
}
