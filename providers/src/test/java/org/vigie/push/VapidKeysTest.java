package org.vigie.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class VapidKeysTest {

    @Test
    void theAuthorizationCarriesAJwtSignedForTheEndpointsOrigin() throws Exception {
        VapidKeys keys = VapidKeys.generate();
        long now = 1_800_000_000L;
        String header = keys.authorization("https://push.example.org:8443/wpush/abc", "mailto:ops@example.org", now);
        assertTrue(header.startsWith("vapid t="), header);
        String[] parts = header.substring("vapid ".length()).split(", ");
        assertEquals("k=" + keys.publicKeyBase64(), parts[1]);
        SignedJWT jwt = SignedJWT.parse(parts[0].substring(2));
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new ECDSAVerifier(keys.publicKey())));
        assertTrue(!jwt.verify(new ECDSAVerifier(VapidKeys.generate().publicKey())), "another key does not verify it");
        assertEquals(List.of("https://push.example.org:8443"), jwt.getJWTClaimsSet().getAudience());
        assertEquals("mailto:ops@example.org", jwt.getJWTClaimsSet().getSubject());
        long exp = jwt.getJWTClaimsSet().getExpirationTime().getTime() / 1000;
        assertTrue(exp > now && exp - now <= 24 * 3600, "RFC 8292: at most 24 h");
    }

    @Test
    void keysRoundTripInTheOperatorsFormat() {
        VapidKeys keys = VapidKeys.generate();
        String privateKey = Base64.getUrlEncoder().withoutPadding().encodeToString(VapidKeys.scalar(keys.privateKey()));
        VapidKeys parsed = VapidKeys.parse(keys.publicKeyBase64(), privateKey);
        assertEquals(keys.publicKey().getW(), parsed.publicKey().getW());
        assertEquals(keys.privateKey().getS(), parsed.privateKey().getS());
        assertEquals(87, keys.publicKeyBase64().length());
        assertThrows(IllegalStateException.class, () -> VapidKeys.parse("AAAA", privateKey));
    }

    @Test
    void eachRealmHasItsOwnComponentId() {
        assertEquals(VapidKeys.componentId("r1"), VapidKeys.componentId("r1"));
        assertTrue(!VapidKeys.componentId("r1").equals(VapidKeys.componentId("r2")));
        assertEquals(36, VapidKeys.componentId("a-realm-id").length());
    }
}
