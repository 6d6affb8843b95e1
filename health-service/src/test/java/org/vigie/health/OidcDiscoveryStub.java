package org.vigie.health;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

/**
 * What quarkus-oidc reads from an OpenID provider when it starts: the discovery document and a
 * JWKS, served on loopback so that the service's own tests need neither Vigie nor a container.
 * No token is ever issued here: sessions in these tests come from {@code @TestSecurity}.
 */
public class OidcDiscoveryStub implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/esante-wallet";
        String oidc = issuer + "/protocol/openid-connect";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + oidc + "/auth\","
                + "\"token_endpoint\":\"" + oidc + "/token\",\"jwks_uri\":\"" + oidc + "/certs\","
                + "\"end_session_endpoint\":\"" + oidc + "/logout\",\"userinfo_endpoint\":\"" + oidc + "/userinfo\","
                + "\"code_challenge_methods_supported\":[\"S256\"],\"backchannel_logout_supported\":true}";
        serve("/realms/esante-wallet/.well-known/openid-configuration", discovery);
        serve("/realms/esante-wallet/protocol/openid-connect/certs", jwks());
        server.start();
        return Map.of("quarkus.oidc.auth-server-url", issuer);
    }

    private void serve(String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private static String jwks() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"stub\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                    + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
