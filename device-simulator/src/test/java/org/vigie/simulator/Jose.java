package org.vigie.simulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;

/** Checks a device signature the way the server would: with the public JWK only. */
final class Jose {

    private Jose() {
    }

    static JWSObject verified(String compact, JWK publicKey) throws ParseException, JOSEException {
        if (publicKey.isPrivate()) {
            throw new IllegalArgumentException("Verify with the public key, as the server does");
        }
        JWSObject jws = JWSObject.parse(compact);
        JWSVerifier verifier = publicKey instanceof ECKey ec ? new ECDSAVerifier(ec) : new Ed25519Verifier(publicKey.toOctetKeyPair());
        if (!jws.verify(verifier)) {
            throw new AssertionError("Signature does not verify with " + publicKey.toJSONString());
        }
        return jws;
    }
}
