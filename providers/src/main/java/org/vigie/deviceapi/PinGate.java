package org.vigie.deviceapi;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.Decision;
import org.vigie.challenge.PushChallenge;
import org.vigie.device.DeviceCredentialProvider;
import org.vigie.events.VigieEvents;
import org.vigie.risk.BruteForceLockout;

/**
 * The practitioner's checks before an approval counts: not locked by the realm's brute-force
 * detection, and the PIN right. The PIN itself is checked by the credential provider, which
 * counts every guess under a database lock before evaluating it (exactly, on every node); this
 * class tells the device and the browser what came of it.
 */
final class PinGate {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ChallengeStore store;

    PinGate(KeycloakSession session, RealmModel realm, ChallengeStore store) {
        this.session = session;
        this.realm = realm;
        this.store = store;
    }

    /**
     * The PIN as the device's scheme sends it: a proof ({@code pinProof}) for devices enrolled with
     * one; the PIN ({@code pin}, and optionally {@code pinVerifier} to migrate) for devices enrolled
     * before PIN proofs. A missing one is a malformed request, not a wrong PIN: nothing is counted.
     */
    static DeviceCredentialProvider.PinInput pinInput(SignedDeviceRequest request) throws DeviceApiException {
        String proof = request.string("pinProof", 64);
        if (request.device().pinVerifier() != null) {
            if (proof == null) {
                throw DeviceApiException.invalidRequest("approve needs pinProof (this device was enrolled with a PIN proof)");
            }
            return DeviceCredentialProvider.PinInput.proof(proof);
        }
        String pin = request.string("pin", 16);
        if (pin == null) {
            throw DeviceApiException.invalidRequest("approve needs pin (this device was enrolled before PIN proofs; "
                    + "add pinVerifier to move to them)");
        }
        return new DeviceCredentialProvider.PinInput(pin, null, request.string("pinVerifier", 64));
    }

    /**
     * Before the PIN is checked: once the realm's brute-force detection locked the practitioner, no
     * more guesses are taken, from any device. {@code challenge} is the login to refuse, if named.
     */
    void refuseLockedPractitioner(SignedDeviceRequest request, PushChallenge challenge) throws DeviceApiException {
        if (!BruteForceLockout.isLocked(session, realm, request.user())) {
            return;
        }
        if (challenge != null) {
            store.decide(challenge, Decision.USER_LOCKED, request.device().getId(), request.user().getId(), Time.currentTime());
        }
        DeviceEvents.loginError(session, realm, request, challenge, VigieEvents.REASON_USER_LOCKED);
        throw new DeviceApiException(403, "user_locked",
                "too many failed logins: the practitioner is locked for a while by the realm's brute-force detection");
    }

    /**
     * The PIN, checked by the credential provider; {@code challenge} is the login to end when the
     * device locks. Returns whether the device moved to a PIN proof with this request.
     */
    boolean checkPin(SignedDeviceRequest request, PushChallenge challenge, int maxPinAttempts) throws DeviceApiException {
        DeviceCredentialProvider.PinCheck check = DeviceCredentialProvider.of(session)
                .checkPin(realm, request.user(), request.device().getId(), pinInput(request), maxPinAttempts);
        if (!check.ok()) {
            refuse(request, challenge, check);
        }
        return check.migrated();
    }

    /** A PIN that was not right, or not evaluated: counted (by the credential provider), told, and the lock shown to the browser. */
    private void refuse(SignedDeviceRequest request, PushChallenge challenge, DeviceCredentialProvider.PinCheck check)
            throws DeviceApiException {
        switch (check.result()) {
            case BUSY -> throw new DeviceApiException(429, "slow_down",
                    "the PIN could not be checked now: send the decision again in a moment, with a new jti").with("retry_after", 1);
            case REVOKED -> throw DeviceApiException.invalidToken("unknown or revoked device");
            case LOCKED -> throw deviceLocked();
            default -> {
            }
        }
        UserModel user = request.user();
        BruteForceLockout.failedLogin(session, realm, user);
        if (check.result() == DeviceCredentialProvider.PinResult.LOCKED_NOW) {
            // The browser stops waiting and says why, instead of running into the expiry.
            if (challenge != null) {
                store.decide(challenge, Decision.DEVICE_LOCKED, request.device().getId(), user.getId(), Time.currentTime());
            }
            DeviceEvents.loginError(session, realm, request, challenge, VigieEvents.REASON_DEVICE_LOCKED);
            throw deviceLocked();
        }
        DeviceEvents.loginError(session, realm, request, challenge, VigieEvents.REASON_WRONG_PIN);
        throw new DeviceApiException(422, "wrong_pin", "PIN incorrect").with("remaining_attempts", check.remaining());
    }

    private static DeviceApiException deviceLocked() {
        return new DeviceApiException(403, "device_locked", "too many wrong PINs: enrol the device again or ask an operator to unlock it");
    }
}
