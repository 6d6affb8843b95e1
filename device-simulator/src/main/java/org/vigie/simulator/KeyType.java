package org.vigie.simulator;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The device key types the Vigie device API accepts, with the JWS algorithm each one signs with. */
public enum KeyType {

    P256("p256", JWSAlgorithm.ES256),
    ED25519("ed25519", JWSAlgorithm.EdDSA);

    private final String cliName;
    private final JWSAlgorithm algorithm;

    KeyType(String cliName, JWSAlgorithm algorithm) {
        this.cliName = cliName;
        this.algorithm = algorithm;
    }

    public String cliName() {
        return cliName;
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The type named on the command line, e.g. {@code p256}. */
    public static KeyType parse(String name) {
        for (KeyType type : values()) {
            if (type.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown key type " + name + ": use "
                + Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(" or ")));
    }

    public static KeyType of(JWK key) {
        if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return P256;
        }
        if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return ED25519;
        }
        throw new IllegalArgumentException("Not a P-256 or Ed25519 key: " + key.getKeyType());
    }
}
