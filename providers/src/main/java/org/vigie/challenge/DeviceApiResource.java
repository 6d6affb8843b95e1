package org.vigie.challenge;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.device.DeviceCredentialModel;
import org.vigie.device.DeviceCredentialProvider;
import org.vigie.device.DeviceEnrolment;
import org.vigie.common.PractitionerMail;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.BruteForceLockout;
import org.vigie.risk.FraudSuspension;
import org.vigie.risk.PushRateLimiter;
import org.vigie.risk.RiskPolicies;
import org.vigie.risk.RiskPolicy;

/**
 * The device API ({@code /realms/{realm}/vigie-device}, see docs/device-api.md) and the browser's
 * status endpoint. Devices authenticate every call with their own key; no Keycloak token.
 * Every refusal is a JSON error with a 4xx status.
 */
public class DeviceApiResource {

    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String JOSE = "application/jose";
    private static final Logger LOG = Logger.getLogger(DeviceApiResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ChallengeStore store;
    private final DecisionWatcher watcher;
    /** Set by this request's PIN check when a device enrolled before PIN proofs moved to one. */
    private boolean pinMigrated;

    public DeviceApiResource(KeycloakSession session, DecisionWatcher watcher) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new ChallengeStore(session);
        this.watcher = watcher;
    }

    @POST
    @Path("enroll")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enroll(InputStream body) {
        return answer(() -> {
            JsonNode request = parseJson(readBody(body));
            if (request.has("pin")) {
                throw DeviceApiException.invalidRequest("the PIN never leaves the phone: send pinVerifier (see the device API)");
            }
            DeviceEnrolment.Enrolled enrolled;
            try {
                enrolled = new DeviceEnrolment(session, realm, session.getContext().getConnection())
                        .enroll(text(request, "identifier", 64), text(request, "activationCode", 64),
                                request.get("publicKey"), text(request, "pinVerifier", 64), optionalText(request, "deviceName", 64));
            } catch (DeviceEnrolment.Refused e) {
                throw new DeviceApiException(e.status(), e.error(), e.getMessage());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("deviceId", enrolled.deviceId());
            out.put("userId", enrolled.userId());
            out.put("nationalId", enrolled.nationalId());
            out.put("keyThumbprint", enrolled.keyThumbprint());
            return DeviceApiException.json(201, out);
        });
    }

    @GET
    @Path("challenges")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pending(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(() -> {
            SignedDeviceRequest caller = SignedDeviceRequest.verify(session, realm, bearer(authorization), audience(), true);
            long now = Time.currentTime();
            List<Map<String, Object>> challenges = new ArrayList<>();
            UserModel user = caller.user();
            // A practitioner locked by the realm's brute-force detection has nothing to approve for now.
            if (!BruteForceLockout.isLocked(session, realm, user)) {
                // After "Ce n'est pas moi", logins are still listed (the practitioner may need their
                // own) but none notifies the phone until the suspension ends.
                boolean suspended = FraudSuspension.isSuspended(user);
                store.listed(realm.getId(), nationalIdsOf(user)).stream()
                        .filter(c -> !c.expiredAt(now) && !store.isDecided(c.id()))
                        .forEach(c -> challenges.add(describe(c, c.notified() && !suspended)));
            }
            return DeviceApiException.json(200, Map.of("challenges", challenges));
        });
    }

    /** Push registration (docs/device-api.md, "Push notifications"). */
    @Path("push")
    public PushRegistrationEndpoint push() {
        return new PushRegistrationEndpoint(session, realm, store, audience());
    }

    /** A decision on a challenge the app names (deny, fraud, and approvals in both code modes). */
    @POST
    @Path("challenges/{id}/decision")
    @Consumes({JOSE, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String challengeId, InputStream body) {
        return answer(() -> decision(readBody(body), challengeId));
    }

    /**
     * An approval naming no challenge: the code typed in the app picks, among the practitioner's
     * pending logins, the one whose browser shows it (typed codes only). This is how a practitioner
     * approves their own login whatever else waits for their identifier.
     */
    @POST
    @Path("decision")
    @Consumes({JOSE, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response decideByCode(InputStream body) {
        return answer(() -> decision(readBody(body), null));
    }

    private Response decision(String body, String challengeId) throws DeviceApiException {
        String compact = body.trim();
        SignedDeviceRequest signed = SignedDeviceRequest.verify(session, realm, compact, audience(), false);
        String cid = signed.string("cid", 64);
        String decision = signed.string("decision", 16);
        String jti = signed.string("jti", 128);
        if (challengeId != null && (cid == null || !cid.equals(challengeId))) {
            throw DeviceApiException.invalidRequest("cid must be the challenge id of the URL");
        }
        if (challengeId == null && cid != null) {
            throw DeviceApiException.invalidRequest("cid names a challenge: send it to /challenges/{cid}/decision");
        }
        if (jti == null || jti.isEmpty()) {
            throw DeviceApiException.invalidRequest("jti is required");
        }
        if (decision == null || !List.of("approve", "deny", "fraud").contains(decision)) {
            throw DeviceApiException.invalidRequest("decision must be approve, deny or fraud");
        }
        if (challengeId == null && !"approve".equals(decision)) {
            throw DeviceApiException.invalidRequest("only approve can name no challenge: deny and fraud name the one refused");
        }
        // Wrong PINs are counted under a database lock by the credential provider: no per-device lease.
        SignedDeviceRequest request = signed;
        if (!store.firstUseOfJti(request.device().getId(), jti, 2 * (SignedDeviceRequest.MAX_CLOCK_SKEW + SignedDeviceRequest.MAX_TOKEN_LIFETIME))) {
            throw new DeviceApiException(409, "replayed", "this jti was already used");
        }
        Set<String> nationalIds = nationalIdsOf(request.user());
        PushChallenge challenge;
        if (challengeId != null) {
            challenge = store.find(challengeId)
                    .filter(c -> c.realmId().equals(realm.getId()) && nationalIds.contains(c.nationalId()))
                    .orElseThrow(() -> new DeviceApiException(404, "challenge_not_found", "no such challenge for this practitioner"));
        } else {
            challenge = challengeForCode(request, nationalIds);
        }
        ensureOpen(challenge);
        String status = switch (decision) {
            case "approve" -> approve(request, challenge);
            case "deny" -> deny(request, challenge);
            default -> reportFraud(request, challenge);
        };
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("challenge", challenge.id());
        if (pinMigrated) {
            answer.put("pinMigrated", true);
        }
        return DeviceApiException.json(200, answer);
    }

    /**
     * The pending challenge whose code the practitioner typed. A code matching none of their
     * logins is a wrong code: counted as a failed login, and no login is burnt (the app did not
     * name one), once the PIN was found right.
     */
    private PushChallenge challengeForCode(SignedDeviceRequest request, Set<String> nationalIds) throws DeviceApiException {
        String code = request.string("code", 16);
        if (code == null) {
            throw DeviceApiException.invalidRequest("approve needs pinProof and code");
        }
        pinInput(request);
        Optional<PushChallenge> found = store.findByCode(realm.getId(), nationalIds, code.trim());
        if (found.isPresent()) {
            return found.get();
        }
        refuseLockedPractitioner(request, null);
        checkPin(request, null, ApprovalConfig.ofBrowserFlow(realm).maxPinAttempts());
        BruteForceLockout.failedLogin(session, realm, request.user());
        VigieEvents.builder(session, realm, session.getContext().getConnection()).event(EventType.LOGIN_ERROR).user(request.user())
                .detail(VigieEvents.DETAIL_DEVICE, request.device().getId())
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_WRONG_CODE).error(VigieEvents.REASON_WRONG_CODE);
        throw new DeviceApiException(422, "wrong_code", "no pending login of this practitioner shows this code");
    }

    private Set<String> nationalIdsOf(UserModel user) {
        return PractitionerLookup.ofBrowserFlow(realm).nationalIds(user);
    }

    /**
     * The browser's question "was my login decided?": one cache read, no database. Needs the
     * status token of the waiting page, which devices never see. With {@code wait} (seconds, at
     * most {@value #MAX_WAIT_SECONDS}) a pending login is answered as soon as it is decided, on
     * whichever node, or when the wait or the challenge runs out: a long poll that holds no worker
     * thread while it waits (the request is suspended). Without it, the answer comes at once.
     */
    @GET
    @Path("status/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public void status(@PathParam("id") String challengeId, @QueryParam("token") String token,
                       @QueryParam("wait") String wait, @Suspended AsyncResponse response) {
        Response now;
        try {
            PushChallenge challenge = store.find(challengeId)
                    .filter(c -> token != null && MessageDigest.isEqual(
                            c.statusToken().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
                    .orElseThrow(() -> new DeviceApiException(404, "challenge_not_found", "no such challenge"));
            long waitSeconds = waitSeconds(wait);
            now = statusOf(challenge);
            long left = challenge.expiresAt() - Time.currentTime();
            if (waitSeconds > 0 && left > 0 && !store.decisionOf(challengeId).isPresent()) {
                long expiresAt = challenge.expiresAt();
                if (watcher.await(challengeId, response, Math.min(waitSeconds, left),
                        DeviceApiException.json(200, Map.of("status", "decided")),
                        () -> pendingOrExpired(expiresAt),
                        () -> store.decisionOf(challengeId).isPresent())) {
                    return;
                }
            }
        } catch (DeviceApiException e) {
            now = e.toResponse();
        } catch (RuntimeException e) {
            LOG.error("Device API status failed", e);
            now = new DeviceApiException(500, "server_error", "unexpected server error").toResponse();
        }
        response.resume(now);
    }

    static final long MAX_WAIT_SECONDS = 25;

    private static long waitSeconds(String wait) throws DeviceApiException {
        if (wait == null || wait.isBlank()) {
            return 0;
        }
        if (!wait.trim().matches("[0-9]{1,3}")) {
            throw DeviceApiException.invalidRequest("wait is a number of seconds, 0 to " + MAX_WAIT_SECONDS);
        }
        return Math.min(MAX_WAIT_SECONDS, Long.parseLong(wait.trim()));
    }

    private Response statusOf(PushChallenge challenge) {
        // The decision itself, not its claim: a claim whose decision never committed is not news.
        if (store.decisionOf(challenge.id()).isPresent()) {
            return DeviceApiException.json(200, Map.of("status", "decided"));
        }
        return pendingOrExpired(challenge.expiresAt());
    }

    /** Needs no session: also the answer of a long poll that timed out. */
    private static Response pendingOrExpired(long expiresAt) {
        long now = Time.currentTime();
        if (now >= expiresAt) {
            return DeviceApiException.json(200, Map.of("status", "expired"));
        }
        return DeviceApiException.json(200, Map.of("status", "pending", "expiresIn", expiresAt - now));
    }

    private void ensureOpen(PushChallenge challenge) throws DeviceApiException {
        if (store.isDecided(challenge.id())) {
            Decision decided = store.decisionOf(challenge.id()).map(ChallengeStore.DecisionRecord::decision).orElse(null);
            if (decided == Decision.CANCELLED) {
                throw new DeviceApiException(410, "challenge_cancelled", "the login was abandoned or replaced");
            }
            throw alreadyDecided();
        }
        if (challenge.expiredAt(Time.currentTime())) {
            throw new DeviceApiException(410, "challenge_expired", "the challenge expired");
        }
    }

    private String approve(SignedDeviceRequest request, PushChallenge challenge) throws DeviceApiException {
        String code = request.string("code", 16);
        if (code == null) {
            throw DeviceApiException.invalidRequest("approve needs pinProof and code");
        }
        pinInput(request);
        UserModel user = request.user();
        DeviceCredentialModel device = request.device();
        refuseOutsideAllowedHours(request, challenge);
        refuseLockedPractitioner(request, challenge);
        checkPin(request, challenge, challenge.maxPinAttempts());
        long now = Time.currentTime();
        byte[] expected = challenge.code().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, code.trim().getBytes(StandardCharsets.UTF_8))) {
            if (!store.decide(challenge, Decision.WRONG_CODE, device.getId(), user.getId(), now)) {
                throw alreadyDecided();
            }
            BruteForceLockout.failedLogin(session, realm, user);
            deviceEvent(EventType.LOGIN_ERROR, user, challenge, request)
                    .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_WRONG_CODE).error(VigieEvents.REASON_WRONG_CODE);
            throw new DeviceApiException(422, "wrong_code", "the code does not match the one shown in the browser: the login was refused");
        }
        if (!store.decide(challenge, Decision.APPROVED, device.getId(), user.getId(), now)) {
            throw alreadyDecided();
        }
        return "approved";
    }

    /**
     * Before the PIN is checked: once the realm's brute-force detection locked the practitioner, no
     * more guesses are taken, from any device. {@code challenge} is the login to refuse, if named.
     */
    private void refuseLockedPractitioner(SignedDeviceRequest request, PushChallenge challenge) throws DeviceApiException {
        if (!BruteForceLockout.isLocked(session, realm, request.user())) {
            return;
        }
        if (challenge != null) {
            store.decide(challenge, Decision.USER_LOCKED, request.device().getId(), request.user().getId(), Time.currentTime());
        }
        deviceEvent(EventType.LOGIN_ERROR, request.user(), challenge, request)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_USER_LOCKED).error(VigieEvents.REASON_USER_LOCKED);
        throw new DeviceApiException(403, "user_locked",
                "too many failed logins: the practitioner is locked for a while by the realm's brute-force detection");
    }

    /**
     * The PIN, checked by the credential provider, which counts every guess before evaluating it
     * (exactly, on every node); {@code challenge} is the login to end when the device locks.
     */
    private void checkPin(SignedDeviceRequest request, PushChallenge challenge, int maxPinAttempts) throws DeviceApiException {
        DeviceCredentialProvider.PinCheck pinCheck = DeviceCredentialProvider.of(session)
                .checkPin(realm, request.user(), request.device().getId(), pinInput(request), maxPinAttempts);
        if (!pinCheck.ok()) {
            refusePin(request, challenge, pinCheck);
        }
        pinMigrated = pinCheck.migrated();
    }

    /**
     * The PIN as the device's scheme sends it: a proof ({@code pinProof}) for devices enrolled with
     * one; the PIN ({@code pin}, and optionally {@code pinVerifier} to migrate) for devices enrolled
     * before PIN proofs. A missing one is a malformed request, not a wrong PIN: nothing is counted.
     */
    private DeviceCredentialProvider.PinInput pinInput(SignedDeviceRequest request) throws DeviceApiException {
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

    private static DeviceApiException alreadyDecided() {
        return new DeviceApiException(409, "already_decided", "this challenge was already decided");
    }

    /** A PIN that was not right, or not evaluated: counted (by the credential provider), told, and the lock shown to the browser. */
    private void refusePin(SignedDeviceRequest request, PushChallenge challenge, DeviceCredentialProvider.PinCheck check)
            throws DeviceApiException {
        switch (check.result()) {
            case BUSY -> throw new DeviceApiException(429, "slow_down",
                    "the PIN could not be checked now: send the decision again in a moment, with a new jti").with("retry_after", 1);
            case REVOKED -> throw DeviceApiException.invalidToken("unknown or revoked device");
            case LOCKED -> throw new DeviceApiException(403, "device_locked",
                    "too many wrong PINs: enrol the device again or ask an operator to unlock it");
            default -> {
            }
        }
        UserModel user = request.user();
        BruteForceLockout.failedLogin(session, realm, user);
        boolean lockedNow = check.result() == DeviceCredentialProvider.PinResult.LOCKED_NOW;
        EventBuilder event = deviceEvent(EventType.LOGIN_ERROR, user, challenge, request)
                .detail(VigieEvents.DETAIL_REASON, lockedNow ? VigieEvents.REASON_DEVICE_LOCKED : VigieEvents.REASON_WRONG_PIN);
        if (lockedNow) {
            // The browser stops waiting and says why, instead of running into the expiry.
            if (challenge != null) {
                store.decide(challenge, Decision.DEVICE_LOCKED, request.device().getId(), user.getId(), Time.currentTime());
            }
            event.error(VigieEvents.REASON_DEVICE_LOCKED);
            throw new DeviceApiException(403, "device_locked",
                    "too many wrong PINs: enrol the device again or ask an operator to unlock it");
        }
        event.error(VigieEvents.REASON_WRONG_PIN);
        throw new DeviceApiException(422, "wrong_pin", "PIN incorrect").with("remaining_attempts", check.remaining());
    }

    /**
     * The risk policy again, at approval time: a challenge created at 20:59 and approved at 21:01
     * is refused. A policy that cannot be read refuses too.
     */
    private void refuseOutsideAllowedHours(SignedDeviceRequest request, PushChallenge challenge) throws DeviceApiException {
        if (PushChallenge.NO_RISK_POLICY.equals(challenge.riskPolicy()) || challenge.stepUp()) {
            return;
        }
        boolean allowed;
        try {
            RiskPolicy policy = RiskPolicies.forConfigId(realm,
                    PushChallenge.DEFAULT_RISK_POLICY.equals(challenge.riskPolicy()) ? "" : challenge.riskPolicy());
            allowed = RiskPolicies.allowsNow(policy, request.user());
        } catch (RiskPolicy.InvalidPolicyException e) {
            LOG.errorf("Vigie risk policy %s is invalid, approval refused: %s", challenge.riskPolicy(), e.getMessage());
            allowed = false;
        }
        if (allowed) {
            return;
        }
        if (!store.decide(challenge, Decision.OFF_HOURS, request.device().getId(), request.user().getId(), Time.currentTime())) {
            throw alreadyDecided();
        }
        deviceEvent(EventType.LOGIN_ERROR, request.user(), challenge, request)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_OFF_HOURS_APPROVAL).error(VigieEvents.REASON_OFF_HOURS_APPROVAL);
        throw new DeviceApiException(403, "outside_allowed_hours",
                "approvals are not accepted at this hour: the login was refused");
    }

    private String deny(SignedDeviceRequest request, PushChallenge challenge) throws DeviceApiException {
        if (!store.decide(challenge, Decision.DENIED, request.device().getId(), request.user().getId(), Time.currentTime())) {
            throw alreadyDecided();
        }
        new PushRateLimiter(session).penalise(realm.getId(), challenge.nationalId(), challenge.ipAddress(), RiskPolicies.limitsFor(realm,
                PushChallenge.NO_RISK_POLICY.equals(challenge.riskPolicy()) || PushChallenge.DEFAULT_RISK_POLICY.equals(challenge.riskPolicy())
                        ? "" : challenge.riskPolicy()));
        deviceEvent(EventType.LOGIN_ERROR, request.user(), challenge, request)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_DENIED_ON_DEVICE).error(VigieEvents.REASON_DENIED_ON_DEVICE);
        return "denied";
    }

    /** "Ce n'est pas moi": the login fails, pushes stop for a while, the practitioner is told what to do. */
    private String reportFraud(SignedDeviceRequest request, PushChallenge challenge) throws DeviceApiException {
        if (!store.decide(challenge, Decision.FRAUD_REPORTED, request.device().getId(), request.user().getId(), Time.currentTime())) {
            throw alreadyDecided();
        }
        UserModel user = request.user();
        FraudSuspension.suspend(user, challenge.fraudSuspensionMinutes());
        deviceEvent(EventType.LOGIN_ERROR, user, challenge, request)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_FRAUD_REPORTED)
                .detail("vigie_suspended_until", Long.toString(FraudSuspension.until(user)))
                .error(VigieEvents.REASON_FRAUD_REPORTED);
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("clientName", challenge.clientName());
        mail.put("ipAddress", challenge.ipAddress());
        mail.put("userAgent", challenge.userAgent());
        mail.put("requestedAt", java.time.Instant.ofEpochSecond(challenge.createdAt()).toString());
        mail.put("suspensionMinutes", challenge.fraudSuspensionMinutes());
        mail.put("reportContact", challenge.reportContact());
        PractitionerMail.send(session, realm, user, "vigie-fraud-reported.ftl", "vigieFraudReportedSubject", mail);
        return "reported";
    }

    /** An event of a device request; {@code challenge} is the login it concerns, if one is known. */
    private EventBuilder deviceEvent(EventType type, UserModel user, PushChallenge challenge, SignedDeviceRequest request) {
        EventBuilder event = VigieEvents.builder(session, realm, session.getContext().getConnection()).event(type).user(user)
                .detail(VigieEvents.DETAIL_DEVICE, request.device().getId());
        if (challenge == null) {
            return event;
        }
        event.detail(VigieEvents.DETAIL_CHALLENGE, challenge.id())
                .detail(VigieEvents.DETAIL_BROWSER_IP, challenge.ipAddress())
                .detail(VigieEvents.DETAIL_BROWSER_USER_AGENT, challenge.userAgent());
        ClientModel client = realm.getClientByClientId(challenge.clientId());
        if (client != null) {
            event.client(client);
        }
        return event;
    }

    private static Map<String, Object> describe(PushChallenge c, boolean notified) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("clientId", c.clientId());
        out.put("clientName", c.clientName());
        out.put("createdAt", c.createdAt());
        out.put("expiresAt", c.expiresAt());
        out.put("ipAddress", c.ipAddress());
        out.put("userAgent", c.userAgent());
        out.put("codeMode", c.codeMode().value());
        out.put("codeChoices", c.codeChoices());
        out.put("notified", notified);
        out.put("purpose", c.purpose());
        if (c.delegation()) {
            // What the app says: "Autoriser <requesterName> à saisir en votre nom sur <clientName> jusqu'à <until>".
            out.put("delegation", Map.of("requesterName", c.requesterName(), "until", c.delegatedUntil()));
        }
        return out;
    }

    /** What devices must put in {@code aud}: this API's base URL as the device reached it. */
    private String audience() {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path(DeviceApiResourceProviderFactory.PROVIDER_ID).build().toString();
    }

    private interface Handler {
        Response handle() throws DeviceApiException;
    }

    private Response answer(Handler handler) {
        try {
            return handler.handle();
        } catch (DeviceApiException e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            // Nothing half-done is kept (e.g. an activation code consumed without a device).
            session.getTransactionManager().setRollbackOnly();
            LOG.error("Device API failed", e);
            return new DeviceApiException(500, "server_error", "unexpected server error").toResponse();
        }
    }

    private static String bearer(String authorization) throws DeviceApiException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw DeviceApiException.invalidToken("Authorization: Bearer <device JWT> is required");
        }
        String token = authorization.substring(7).trim();
        if (token.length() > MAX_BODY_BYTES) {
            throw DeviceApiException.invalidToken("token too large");
        }
        return token;
    }

    static String readBody(InputStream body) throws DeviceApiException {
        if (body == null) {
            throw DeviceApiException.invalidRequest("a body is required");
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new DeviceApiException(413, "request_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DeviceApiException.invalidRequest("the body could not be read");
        }
    }

    private static JsonNode parseJson(String body) throws DeviceApiException {
        try {
            JsonNode node = JsonSerialization.mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw DeviceApiException.invalidRequest("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw DeviceApiException.invalidRequest("the body is not valid JSON");
        }
    }

    private static String text(JsonNode request, String field, int maxLength) throws DeviceApiException {
        String value = optionalText(request, field, maxLength);
        if (value == null || value.isEmpty()) {
            throw DeviceApiException.invalidRequest(field + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode request, String field, int maxLength) throws DeviceApiException {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().length() > maxLength) {
            throw DeviceApiException.invalidRequest(field + " must be a string of at most " + maxLength + " characters");
        }
        return node.asText();
    }

}
