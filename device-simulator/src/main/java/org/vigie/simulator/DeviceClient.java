package org.vigie.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The practitioner's app talking to the Vigie device API (docs/device-api.md). Refusals (4xx) are returned as
 * results, never thrown; only an unreachable server throws {@link ServerUnreachableException}.
 * <p>
 * The low-level helpers ({@link #deviceJwt(Map)}, {@link #decisionJws(Map)}, {@link #send}) let tests craft the
 * malformed, replayed or forged requests a real app would never send.
 */
public final class DeviceClient {

    public static final String JSON_TYPE = "application/json";
    public static final String JOSE_TYPE = "application/jose";
    /** Lifetime of the bearer JWT; the server accepts at most 120 s. */
    public static final long JWT_LIFETIME_SECONDS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long SLOW_DOWN_PAUSE_MILLIS = 1100;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    /** Replaced by {@link #rotateKey} once the server took the new one. */
    private volatile JWK key;
    private volatile KeyType keyType;
    // HTTP/1.1: the JDK client otherwise tries an h2c upgrade on plain http, which is only noise here.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private volatile String deviceId;
    /** The key of this device's PIN proofs, generated with the device and kept on it (see {@link PinProof}). */
    private volatile byte[] pinKey = PinProof.newKey();
    /** A device enrolled before PIN proofs: sends its PIN, and offers a proof so the server migrates it. */
    private volatile boolean legacyPin;
    private volatile String userId;
    /** The phone's clock: {@code iat} / {@code exp} come from it. Replaceable, since phones drift. */
    private volatile Clock clock = Clock.systemUTC();
    /** The device API's public URL, signed as {@code aud}; the same as {@link #baseUrl} unless set. */
    private volatile String audience;

    /** A device not enrolled yet: {@link #enroll} binds it to the identifiers the server returns. */
    public DeviceClient(String baseUrl, JWK key) {
        this(baseUrl, key, null, null);
    }

    /**
     * @param baseUrl {@code {server}/realms/{realm}/vigie-device}, see {@link #deviceApiUrl}; also the audience
     * @param key the device's private key, P-256 or Ed25519
     */
    public DeviceClient(String baseUrl, JWK key, String deviceId, String userId) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("The device key must hold its private part");
        }
        this.baseUrl = stripTrailingSlash(baseUrl);
        this.audience = this.baseUrl;
        this.key = key;
        this.keyType = KeyType.of(key);
        this.deviceId = deviceId;
        this.userId = userId;
    }

    public static String deviceApiUrl(String server, String realm) {
        return stripTrailingSlash(server) + "/realms/" + realm + "/vigie-device";
    }

    /** A fresh private key, generated and kept on the device. */
    public static JWK generateKey(KeyType type) {
        try {
            return switch (type) {
                case P256 -> new ECKeyGenerator(Curve.P_256).generate();
                case ED25519 -> new OctetKeyPairGenerator(Curve.Ed25519).generate();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a " + type.cliName() + " key", e);
        }
    }

    /** Uses {@code clock} for the times it signs (tests move it along with the server's). */
    public DeviceClient clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Signs for the device API's public URL while sending to {@link #baseUrl}: the server checks
     * {@code aud} against its public hostname, so a client reaching one node of a cluster
     * directly (not through the load balancer) must still sign for the public URL.
     */
    public DeviceClient audience(String publicDeviceApiUrl) {
        this.audience = stripTrailingSlash(publicDeviceApiUrl);
        return this;
    }

    /** Uses this key for PIN proofs: the one stored at enrolment, or the same device reaching another node. */
    public DeviceClient pinKey(byte[] key) {
        this.pinKey = key.clone();
        this.legacyPin = false;
        return this;
    }

    public byte[] pinKey() {
        return pinKey.clone();
    }

    /**
     * Plays a device enrolled before PIN proofs: its decisions carry the PIN ({@code pin}) and, so
     * that the server migrates it, the proof this client will use from then on ({@code pinVerifier}).
     */
    public DeviceClient legacyPin() {
        this.legacyPin = true;
        return this;
    }

    public boolean sendsPinInClear() {
        return legacyPin;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String audience() {
        return audience;
    }

    public JWK key() {
        return key;
    }

    public KeyType keyType() {
        return keyType;
    }

    public String deviceId() {
        return deviceId;
    }

    public String userId() {
        return userId;
    }

    /**
     * Section 1. On {@code 201} this client becomes the enrolled device: later calls use the returned
     * {@code deviceId} and {@code userId}.
     *
     * @param deviceName optional, omitted from the body when null
     */
    public EnrolmentResult enroll(String identifier, String activationCode, String pin, String deviceName) {
        if (!PinRules.isAcceptable(pin)) {
            // Only the phone sees the PIN: it is the one to refuse a weak one.
            throw new IllegalArgumentException("the PIN must have 4 to 8 digits and not be trivial (0000, 1234…)");
        }
        String proof = KeyProofs.prove(key, KeyProofs.ENROLMENT, enrolmentClaims(identifier, activationCode, pin, deviceName));
        EnrolmentResult result = new EnrolmentResult(send("POST", "/enroll", JOSE_TYPE, proof, null));
        if (result.ok()) {
            deviceId = result.deviceId();
            userId = result.userId();
        }
        return result;
    }

    /**
     * The claims the new key signs at enrolment (section 1), mutable so tests can spoil one. The
     * PIN never leaves the phone: the server keeps a keyed hash of its proof.
     *
     * @param deviceName optional, left out when null
     */
    public Map<String, Object> enrolmentClaims(String identifier, String activationCode, String pin, String deviceName) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("identifier", identifier);
        claims.put("activationCode", activationCode);
        claims.put("pinVerifier", PinProof.of(pinKey, pin));
        if (deviceName != null) {
            claims.put("deviceName", deviceName);
        }
        claims.put("aud", audience);
        claims.put("iat", clock.instant().getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** An enrolment request signed by this device's key (section 1) with these claims as given. */
    public String enrolmentJws(Map<String, Object> claims) {
        return KeyProofs.prove(key, KeyProofs.ENROLMENT, claims);
    }

    /**
     * Section 6: replaces this device's key by {@code newKey}, in a request signed by both and
     * carrying the PIN in the device's scheme. On {@code 200} this client signs with the new key
     * from then on.
     */
    public HttpResult rotateKey(JWK newKey, String pin) {
        HttpResult result = send("POST", "/key", JOSE_TYPE, rotationJws(newKey, rotationClaims(pin)), null);
        if (result.status() == 200) {
            key = newKey;
            keyType = KeyType.of(newKey);
        }
        return result;
    }

    /**
     * The claims the old key signs in a rotation (without {@code newKeyProof}), mutable so tests
     * can spoil one; {@code pin} (sent as the device's scheme sends it) is left out when null.
     */
    public Map<String, Object> rotationClaims(String pin) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        claims.put("aud", audience);
        if (pin != null && legacyPin) {
            claims.put("pin", pin);
        } else if (pin != null) {
            claims.put("pinProof", PinProof.of(pinKey, pin));
        }
        claims.put("iat", clock.instant().getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /**
     * A rotation request: {@code claims} plus {@code newKeyProof} (the new key's JWS naming this
     * device, its user and the same {@code jti}), signed by the current key.
     */
    public String rotationJws(JWK newKey, Map<String, Object> claims) {
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("sub", userId);
        proof.put("did", deviceId);
        proof.put("aud", audience);
        proof.put("iat", clock.instant().getEpochSecond());
        proof.put("jti", claims.get("jti"));
        Map<String, Object> signed = new LinkedHashMap<>(claims);
        signed.putIfAbsent("newKeyProof", KeyProofs.prove(newKey, KeyProofs.NEW_KEY, proof));
        return decisionJws(signed);
    }

    /** Section 3. */
    public PendingResult pending() {
        return PendingResult.of(get("/challenges", deviceJwt()));
    }

    /**
     * Section 4.
     *
     * @param decision {@code approve}, {@code deny} or {@code fraud}
     * @param code the code the browser shows; null leaves the claim out (deny, fraud)
     * @param pin null leaves the claim out (deny, fraud)
     */
    public DecisionResult decide(String challengeId, String decision, String code, String pin) {
        HttpResult result = postJose(decisionPath(challengeId), decisionJws(decisionClaims(challengeId, decision, code, pin)));
        // 429 slow_down: the server could not count this guess now (under load); a real app waits and sends it again.
        for (int retry = 0; retry < 3 && result.status() == 429 && "slow_down".equals(result.error()); retry++) {
            try {
                Thread.sleep(SLOW_DOWN_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            result = postJose(decisionPath(challengeId), decisionJws(decisionClaims(challengeId, decision, code, pin)));
        }
        return migrated(new DecisionResult(result));
    }

    /**
     * Section 4b: approves whichever pending login of the practitioner shows {@code code} (typed
     * codes), without naming it: how a practitioner approves their own login whatever else waits.
     */
    public DecisionResult approveByCode(String code, String pin) {
        HttpResult result = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            Map<String, Object> claims = decisionClaims(null, "approve", code, pin);
            result = postJose("/decision", decisionJws(claims));
            if (!(result.status() == 429 && "slow_down".equals(result.error()))) {
                break;
            }
            try {
                Thread.sleep(SLOW_DOWN_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return migrated(new DecisionResult(result));
    }

    /** Once the server took the PIN proof offered with a legacy PIN, the PIN itself is never sent again. */
    private DecisionResult migrated(DecisionResult result) {
        if (legacyPin && result.ok() && result.http().json() != null && result.http().json().path("pinMigrated").asBoolean()) {
            legacyPin = false;
        }
        return result;
    }

    public static String decisionPath(String challengeId) {
        // Ids are UUIDs, but tests send odd ones: keep them inside one path segment.
        return "/challenges/" + URLEncoder.encode(challengeId, StandardCharsets.UTF_8).replace("+", "%20") + "/decision";
    }

    /** The claims of a fresh bearer JWT (section 2), mutable so tests can spoil one. */
    public Map<String, Object> deviceJwtClaims() {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + JWT_LIFETIME_SECONDS);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** A fresh bearer JWT (section 2). */
    public String deviceJwt() {
        return deviceJwt(deviceJwtClaims());
    }

    /** Signs these claims, as given, with the bearer JWT header ({@code alg}, {@code kid}, {@code typ: JWT}). */
    public String deviceJwt(Map<String, Object> claims) {
        return sign(new JWSHeader.Builder(keyType.algorithm()).keyID(deviceId).type(JOSEObjectType.JWT).build(), claims);
    }

    /** The claims of a decision (section 4), mutable so tests can spoil one. */
    public Map<String, Object> decisionClaims(String challengeId, String decision, String code, String pin) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        claims.put("aud", audience);
        if (challengeId != null) {
            claims.put("cid", challengeId);
        }
        claims.put("decision", decision);
        if (code != null) {
            claims.put("code", code);
        }
        if (pin != null && legacyPin) {
            claims.put("pin", pin);
            claims.put("pinVerifier", PinProof.of(pinKey, pin));
        } else if (pin != null) {
            claims.put("pinProof", PinProof.of(pinKey, pin));
        }
        claims.put("iat", clock.instant().getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** Signs these claims, as given, with the decision header ({@code alg}, {@code kid}). */
    public String decisionJws(Map<String, Object> claims) {
        return sign(new JWSHeader.Builder(keyType.algorithm()).keyID(deviceId).build(), claims);
    }

    /** {@code GET} with this bearer token, or none when null. */
    public HttpResult get(String path, String bearer) {
        return send("GET", path, null, null, bearer);
    }

    /** {@code POST} of a JSON body, unauthenticated like enrolment. */
    public HttpResult postJson(String path, String json) {
        return send("POST", path, JSON_TYPE, json, null);
    }

    /** {@code POST} of a compact JWS, with a fresh bearer JWT as every call after enrolment carries. */
    public HttpResult postJose(String path, String body) {
        return send("POST", path, JOSE_TYPE, body, deviceJwt());
    }

    /**
     * Any request to the device API.
     *
     * @param path relative to the base URL, starting with {@code /}
     * @param contentType null sends no Content-Type
     * @param body null sends no body
     * @param bearer null sends no Authorization
     */
    public HttpResult send(String method, String path, String contentType, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", JSON_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return HttpResult.of(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ServerUnreachableException(baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException(baseUrl, e);
        }
    }

    private String sign(JWSHeader header, Map<String, Object> claims) {
        try {
            // Jackson rather than Nimbus's claim parsing, so that wrong-typed claims go out exactly as given.
            JWSObject jws = new JWSObject(header, new Payload(JSON.writeValueAsString(claims)));
            jws.sign(signer());
            return jws.serialize();
        } catch (JsonProcessingException | JOSEException e) {
            throw new IllegalStateException("Cannot sign with the device key", e);
        }
    }

    private JWSSigner signer() throws JOSEException {
        return switch (keyType) {
            case P256 -> new ECDSASigner(key.toECKey());
            case ED25519 -> new Ed25519Signer(key.toOctetKeyPair());
        };
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
