package org.vigie.simulator;

import com.nimbusds.jose.jwk.JWK;

/** An enrolled device as the app remembers it: where it is enrolled, its identifiers and its private key. */
public record Device(String server, String realm, String deviceId, String userId, JWK key) {

    public String baseUrl() {
        return DeviceClient.deviceApiUrl(server, realm);
    }

    public DeviceClient client() {
        return new DeviceClient(baseUrl(), key, deviceId, userId);
    }

    // The private key has no business in logs.
    @Override
    public String toString() {
        return "Device[" + deviceId + " of user " + userId + " at " + baseUrl() + "]";
    }
}
