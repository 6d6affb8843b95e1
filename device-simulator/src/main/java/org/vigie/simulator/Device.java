package org.vigie.simulator;

import com.nimbusds.jose.jwk.JWK;

/**
 * An enrolled device as the app remembers it: where it is enrolled, its identifiers, its private
 * key and the key of its PIN proofs ({@code null} for a device enrolled before PIN proofs, which
 * still sends its PIN until it migrates).
 */
public record Device(String server, String realm, String deviceId, String userId, JWK key, byte[] pinKey) {

    public Device(String server, String realm, String deviceId, String userId, JWK key) {
        this(server, realm, deviceId, userId, key, null);
    }

    public String baseUrl() {
        return DeviceClient.deviceApiUrl(server, realm);
    }

    public DeviceClient client() {
        DeviceClient client = new DeviceClient(baseUrl(), key, deviceId, userId);
        return pinKey == null ? client.legacyPin() : client.pinKey(pinKey);
    }

    // The private key has no business in logs.
    @Override
    public String toString() {
        return "Device[" + deviceId + " of user " + userId + " at " + baseUrl() + "]";
    }
}
