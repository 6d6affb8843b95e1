package org.vigie.push;

import com.google.crypto.tink.subtle.EllipticCurves;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The application server's VAPID key pair (RFC 8292): the operator's, from the approval step's
 * settings, or else one generated once per realm and kept in a realm component (database, every
 * node reads the same; its private key is a secret property, masked by the admin REST API).
 * Two nodes generating at once both insert the component under one fixed id: one insert wins, the
 * other fails and reads the winner's.
 */
public record VapidKeys(ECPublicKey publicKey, ECPrivateKey privateKey) {

    static final String PUBLIC_KEY = "publicKey";
    static final String PRIVATE_KEY = "privateKey";
    /** RFC 8292 section 2: exp at most 24 hours ahead; a shorter life limits a leaked JWT. */
    static final long JWT_LIFETIME_SECONDS = 12 * 3600;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The uncompressed public point in base64url: the app's {@code applicationServerKey}, the header's {@code k}. */
    public String publicKeyBase64() {
        try {
            return B64.encodeToString(EllipticCurves.pointEncode(EllipticCurves.CurveType.NIST_P256,
                    EllipticCurves.PointFormatType.UNCOMPRESSED, publicKey.getW()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Authorization: vapid t=<JWT>, k=<public key>} for a push to {@code endpoint}. */
    public String authorization(String endpoint, String subject, long now) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .audience(PushEndpoints.origin(endpoint))
                    .expirationTime(new Date((now + JWT_LIFETIME_SECONDS) * 1000))
                    .subject(subject)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(privateKey));
            return "vapid t=" + jwt.serialize() + ", k=" + publicKeyBase64();
        } catch (JOSEException e) {
            throw new IllegalStateException("VAPID signature failed", e);
        }
    }

    /** The keys the realm's pushes are signed with; generates the realm's pair on first use. */
    public static VapidKeys of(KeycloakSession session, RealmModel realm, PushSettings settings) {
        if (!settings.vapidPublicKey().isEmpty() && !settings.vapidPrivateKey().isEmpty()) {
            return parse(settings.vapidPublicKey(), PushSecrets.resolve(session, settings.vapidPrivateKey()));
        }
        String realmId = realm.getId();
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                    s -> readOrCreate(s, realmId));
        } catch (RuntimeException lostRace) {
            // Another node inserted the realm's pair first: read it.
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
                ComponentModel stored = s.realms().getRealm(realmId).getComponent(componentId(realmId));
                if (stored == null) {
                    throw lostRace;
                }
                return fromComponent(stored);
            });
        }
    }

    static String componentId(String realmId) {
        return UUID.nameUUIDFromBytes(("vigie-vapid:" + realmId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static VapidKeys readOrCreate(KeycloakSession s, String realmId) {
        RealmModel realm = s.realms().getRealm(realmId);
        ComponentModel stored = realm.getComponent(componentId(realmId));
        if (stored != null) {
            return fromComponent(stored);
        }
        VapidKeys generated = generate();
        ComponentModel model = new ComponentModel();
        model.setId(componentId(realmId));
        model.setName("Vigie Web Push (VAPID) key pair");
        model.setParentId(realmId);
        model.setProviderType(PushProvider.class.getName());
        model.setProviderId(WebPushProviderFactory.ID);
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(PUBLIC_KEY, generated.publicKeyBase64());
        config.putSingle(PRIVATE_KEY, B64.encodeToString(scalar(generated.privateKey())));
        model.setConfig(config);
        realm.addComponentModel(model);
        return generated;
    }

    private static VapidKeys fromComponent(ComponentModel stored) {
        return parse(stored.get(PUBLIC_KEY), stored.get(PRIVATE_KEY));
    }

    static VapidKeys generate() {
        try {
            KeyPair pair = EllipticCurves.generateKeyPair(EllipticCurves.CurveType.NIST_P256);
            return new VapidKeys((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys as operators give them: the uncompressed public point and the private scalar, base64url. */
    public static VapidKeys parse(String publicKey, String privateKey) {
        try {
            return new VapidKeys(
                    EllipticCurves.getEcPublicKey(EllipticCurves.CurveType.NIST_P256, EllipticCurves.PointFormatType.UNCOMPRESSED,
                            Base64.getUrlDecoder().decode(publicKey)),
                    EllipticCurves.getEcPrivateKey(EllipticCurves.CurveType.NIST_P256, Base64.getUrlDecoder().decode(privateKey)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unusable("the VAPID key pair in the approval step's settings is not a P-256 key pair");
        }
    }

    /** An operator's key pair that is not one; its message never contains the keys. */
    public static final class Unusable extends IllegalStateException {
        Unusable(String message) {
            super(message);
        }
    }

    /** The private scalar as 32 big-endian bytes. */
    static byte[] scalar(ECPrivateKey key) {
        byte[] raw = key.getS().toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
