package org.vigie.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.util.Map;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * An enrolled phone: its public key and, hashed, the practitioner's PIN. Stored as a Keycloak
 * credential of type {@value #TYPE}, so it lives in the database, shows in the user's
 * Credentials tab, and an operator revokes it by deleting it there.
 */
public class DeviceCredentialModel extends CredentialModel {

    public static final String TYPE = "vigie-device";

    private final DeviceData device;
    private final PinData pin;

    private DeviceCredentialModel(DeviceData device, PinData pin) {
        this.device = device;
        this.pin = pin;
    }

    public static DeviceCredentialModel create(String deviceName, Map<String, Object> publicJwk, String algorithm,
                                               String thumbprint, long now, PinVerifier.Stored pinVerifier) {
        DeviceData device = new DeviceData();
        device.jwk = publicJwk;
        device.algorithm = algorithm;
        device.thumbprint = thumbprint;
        device.enrolledAt = now;
        device.lastUsedAt = 0;
        device.failedPins = 0;
        device.locked = false;
        PinData pin = new PinData();
        if (pinVerifier != null) {
            pin.verify(pinVerifier);
        }
        DeviceCredentialModel model = new DeviceCredentialModel(device, pin);
        model.setType(TYPE);
        model.setUserLabel(deviceName);
        model.setCreatedDate(now);
        model.writeData();
        return model;
    }

    public static DeviceCredentialModel from(CredentialModel stored) {
        try {
            DeviceData device = JsonSerialization.readValue(stored.getCredentialData(), DeviceData.class);
            PinData pin = stored.getSecretData() == null ? new PinData()
                    : JsonSerialization.readValue(stored.getSecretData(), PinData.class);
            DeviceCredentialModel model = new DeviceCredentialModel(device, pin);
            model.setId(stored.getId());
            model.setType(stored.getType());
            model.setUserLabel(stored.getUserLabel());
            model.setCreatedDate(stored.getCreatedDate());
            model.setCredentialData(stored.getCredentialData());
            model.setSecretData(stored.getSecretData());
            return model;
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable vigie-device credential " + stored.getId(), e);
        }
    }

    /** Serialises the fields back into the stored strings; call before updating the credential. */
    public DeviceCredentialModel writeData() {
        try {
            setCredentialData(JsonSerialization.writeValueAsString(device));
            setSecretData(JsonSerialization.writeValueAsString(pin));
            return this;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> publicJwk() {
        return device.jwk;
    }

    public String algorithm() {
        return device.algorithm;
    }

    public String thumbprint() {
        return device.thumbprint;
    }

    public long enrolledAt() {
        return device.enrolledAt;
    }

    /** Epoch milliseconds of the last right PIN, 0 when never used. */
    public long lastUsedAt() {
        return device.lastUsedAt;
    }

    public int failedPins() {
        return device.failedPins;
    }

    public boolean locked() {
        return device.locked;
    }

    public String pinCredentialData() {
        return pin.credentialData;
    }

    public String pinSecretData() {
        return pin.secretData;
    }

    /** The verifier of the device's PIN proofs; null for a device enrolled before them (a password hash of the PIN). */
    public PinVerifier.Stored pinVerifier() {
        return pin.scheme == null ? null : new PinVerifier.Stored(pin.scheme, pin.salt, pin.hash);
    }

    /** Moves a device enrolled before PIN proofs to the proof it sent with its right PIN. */
    void migratePin(PinVerifier.Stored verifier) {
        pin.verify(verifier);
    }

    /** One more PIN guess, counted before it is evaluated (see PinAttempts). */
    void pinAttempted(long now) {
        device.failedPins++;
        device.lastPinAttemptAt = now;
    }

    /** When the last PIN guess was counted (epoch ms), 0 if never. */
    long lastPinAttemptAt() {
        return device.lastPinAttemptAt;
    }

    void lock() {
        device.locked = true;
    }

    public void used(long now) {
        device.failedPins = 0;
        device.lastUsedAt = now;
    }

    public void unlock() {
        device.failedPins = 0;
        device.locked = false;
    }

    /** Where the device gets its push notifications, or null when it registered none. */
    public PushData push() {
        return pin.push;
    }

    /** Sets (or clears, with null) the device's push endpoint; see DevicePushRegistration. */
    void push(PushData push) {
        pin.push = push;
        device.pushProvider = push == null ? null : push.type;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class DeviceData {
        public Map<String, Object> jwk;
        public String algorithm;
        public String thumbprint;
        public long enrolledAt;
        public long lastUsedAt;
        public int failedPins;
        public long lastPinAttemptAt;
        public boolean locked;
        /** The kind of push endpoint registered ({@code webpush}, {@code fcm}), shown to operators; null for none. */
        public String pushProvider;
    }

    /**
     * A device's push endpoint: a Web Push subscription (RFC 8030 endpoint, RFC 8291 keys) or an
     * FCM registration token. Kept with the secret data: the endpoint is a capability URL
     * (whoever holds it can push to the phone), and the auth secret is the subscription's.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class PushData {
        public String type;
        public String endpoint;
        public String p256dh;
        public String auth;
        public String token;
        public long updatedAt;

        /** The address a provider answers for: the endpoint (Web Push) or the token (FCM). */
        public String address() {
            return endpoint != null ? endpoint : token;
        }
    }

    /**
     * What the server keeps of the PIN: the verifier of the device's PIN proofs ({@code scheme},
     * {@code salt}, {@code hash}, see {@link PinVerifier}), or, for a device enrolled before them,
     * the PIN hash as Keycloak's password hashing provider produced it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class PinData {
        public String credentialData;
        public String secretData;
        public String scheme;
        public String salt;
        public String hash;
        /** Not the PIN's, but secret like it: the device's push endpoint (see PushData). */
        public PushData push;

        void verify(PinVerifier.Stored verifier) {
            credentialData = null;
            secretData = null;
            scheme = verifier.scheme();
            salt = verifier.salt();
            hash = verifier.hash();
        }
    }
}
