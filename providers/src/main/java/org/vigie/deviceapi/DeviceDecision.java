package org.vigie.deviceapi;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.vigie.challenge.ApprovalConfig;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.ChallengeUrls;
import org.vigie.challenge.Decision;
import org.vigie.challenge.PushChallenge;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.BruteForceLockout;
import org.vigie.risk.PushRateLimiter;

/**
 * A decision a device signed: approve (PIN and code), deny, or "Ce n'est pas moi". Naming the
 * challenge is optional for an approval: the code typed in the app then picks, among the
 * practitioner's pending logins, the one whose browser shows it. Every decision is settled once,
 * in the cluster-wide store; whoever comes second is told it was already decided.
 */
final class DeviceDecision {

    private static final List<String> DECISIONS = List.of("approve", "deny", "fraud");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ChallengeStore store;
    private final PinGate pins;

    DeviceDecision(KeycloakSession session, RealmModel realm, ChallengeStore store) {
        this.session = session;
        this.realm = realm;
        this.store = store;
        this.pins = new PinGate(session, realm, store);
    }

    /** {@code challengeId}: the challenge of the URL, or null for an approval by code. */
    Response decide(String body, String challengeId) throws DeviceApiException {
        SignedDeviceRequest request = SignedDeviceRequest.verify(session, realm, body.trim(),
                ChallengeUrls.deviceApi(session, realm), false);
        String cid = request.string("cid", 64);
        String decision = request.string("decision", 16);
        String jti = request.string("jti", 128);
        if (challengeId != null && (cid == null || !cid.equals(challengeId))) {
            throw DeviceApiException.invalidRequest("cid must be the challenge id of the URL");
        }
        if (challengeId == null && cid != null) {
            throw DeviceApiException.invalidRequest("cid names a challenge: send it to /challenges/{cid}/decision");
        }
        if (jti == null || jti.isEmpty()) {
            throw DeviceApiException.invalidRequest("jti is required");
        }
        if (decision == null || !DECISIONS.contains(decision)) {
            throw DeviceApiException.invalidRequest("decision must be approve, deny or fraud");
        }
        if (challengeId == null && !"approve".equals(decision)) {
            throw DeviceApiException.invalidRequest("only approve can name no challenge: deny and fraud name the one refused");
        }
        if (!store.firstUseOfJti(request.device().getId(), jti,
                2 * (SignedDeviceRequest.MAX_CLOCK_SKEW + SignedDeviceRequest.MAX_TOKEN_LIFETIME))) {
            throw new DeviceApiException(409, "replayed", "this jti was already used");
        }
        Set<String> nationalIds = PractitionerLookup.ofBrowserFlow(realm).nationalIds(request.user());
        PushChallenge challenge = challengeId != null ? named(challengeId, nationalIds) : byCode(request, nationalIds);
        ensureOpen(challenge);
        boolean pinMigrated = false;
        String status;
        switch (decision) {
            case "approve" -> {
                pinMigrated = approve(request, challenge);
                status = "approved";
            }
            case "deny" -> {
                settle(request, challenge, Decision.DENIED);
                new PushRateLimiter(session).penalise(realm.getId(), challenge.nationalId(), challenge.requester().ipAddress(),
                        challenge.policy().riskPolicy().limits(realm));
                DeviceEvents.loginError(session, realm, request, challenge, VigieEvents.REASON_DENIED_ON_DEVICE);
                status = "denied";
            }
            default -> {
                settle(request, challenge, Decision.FRAUD_REPORTED);
                FraudReport.record(session, realm, request, challenge);
                status = "reported";
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("challenge", challenge.id());
        if (pinMigrated) {
            answer.put("pinMigrated", true);
        }
        return DeviceApiException.json(200, answer);
    }

    private PushChallenge named(String challengeId, Set<String> nationalIds) throws DeviceApiException {
        return store.find(challengeId)
                .filter(c -> c.realmId().equals(realm.getId()) && nationalIds.contains(c.nationalId()))
                .orElseThrow(() -> new DeviceApiException(404, "challenge_not_found", "no such challenge for this practitioner"));
    }

    /**
     * The pending challenge whose code the practitioner typed. A code matching none of their
     * logins is a wrong code: counted as a failed login, and no login is burnt (the app did not
     * name one), once the PIN was found right.
     */
    private PushChallenge byCode(SignedDeviceRequest request, Set<String> nationalIds) throws DeviceApiException {
        String code = requiredCode(request);
        Optional<PushChallenge> found = store.findByCode(realm.getId(), nationalIds, code.trim());
        if (found.isPresent()) {
            return found.get();
        }
        pins.refuseLockedPractitioner(request, null);
        pins.checkPin(request, null, ApprovalConfig.ofBrowserFlow(realm).maxPinAttempts());
        BruteForceLockout.failedLogin(session, realm, request.user());
        DeviceEvents.loginError(session, realm, request, null, VigieEvents.REASON_WRONG_CODE);
        throw new DeviceApiException(422, "wrong_code", "no pending login of this practitioner shows this code");
    }

    private void ensureOpen(PushChallenge challenge) throws DeviceApiException {
        if (store.isDecided(challenge.id())) {
            Decision decided = store.decisionOf(challenge.id()).map(ChallengeStore.DecisionRecord::decision).orElse(null);
            if (decided == Decision.CANCELLED) {
                throw new DeviceApiException(410, "challenge_cancelled", "the login was abandoned or replaced");
            }
            throw DeviceApiException.alreadyDecided();
        }
        if (challenge.expiredAt(Time.currentTime())) {
            throw new DeviceApiException(410, "challenge_expired", "the challenge expired");
        }
    }

    /** Checks in this order: the hour, the practitioner's lock, the PIN, then the code. Returns whether the PIN scheme migrated. */
    private boolean approve(SignedDeviceRequest request, PushChallenge challenge) throws DeviceApiException {
        String code = requiredCode(request);
        refuseOutsideAllowedHours(request, challenge);
        pins.refuseLockedPractitioner(request, challenge);
        boolean migrated = pins.checkPin(request, challenge, challenge.policy().maxPinAttempts());
        byte[] expected = challenge.code().value().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, code.trim().getBytes(StandardCharsets.UTF_8))) {
            settle(request, challenge, Decision.WRONG_CODE);
            BruteForceLockout.failedLogin(session, realm, request.user());
            DeviceEvents.loginError(session, realm, request, challenge, VigieEvents.REASON_WRONG_CODE);
            throw new DeviceApiException(422, "wrong_code", "the code does not match the one shown in the browser: the login was refused");
        }
        settle(request, challenge, Decision.APPROVED);
        return migrated;
    }

    /** An approval names a code and brings the PIN in its device's scheme: a request without them is malformed (nothing counted). */
    private static String requiredCode(SignedDeviceRequest request) throws DeviceApiException {
        String code = request.string("code", 16);
        if (code == null) {
            throw DeviceApiException.invalidRequest("approve needs pinProof and code");
        }
        PinGate.pinInput(request);
        return code;
    }

    /**
     * The risk policy again, at approval time: a challenge created at 20:59 and approved at 21:01
     * is refused. A policy that cannot be read refuses too. Under step-up the login was let on
     * outside the windows on purpose.
     */
    private void refuseOutsideAllowedHours(SignedDeviceRequest request, PushChallenge challenge) throws DeviceApiException {
        if (challenge.policy().stepUp() || challenge.policy().riskPolicy().allowsApprovalNow(realm, request::user)) {
            return;
        }
        settle(request, challenge, Decision.OFF_HOURS);
        DeviceEvents.loginError(session, realm, request, challenge, VigieEvents.REASON_OFF_HOURS_APPROVAL);
        throw new DeviceApiException(403, "outside_allowed_hours", "approvals are not accepted at this hour: the login was refused");
    }

    /** Records the decision once, cluster-wide; a second decider is told it was already decided. */
    private void settle(SignedDeviceRequest request, PushChallenge challenge, Decision decision) throws DeviceApiException {
        if (!store.decide(challenge, decision, request.device().getId(), request.user().getId(), Time.currentTime())) {
            throw DeviceApiException.alreadyDecided();
        }
    }
}
