package org.vigie.it.support;

import java.util.Map;
import org.vigie.launcher.client.Pkce;

/** The demo relying party {@code vigie-demo}: a public client using PKCE S256, as PSC clients do. */
public final class OidcClient {

    public static final String CLIENT_ID = "vigie-demo";
    public static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

    private final String realmUrl;
    private final Pkce pkce = new Pkce();

    public OidcClient(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public String state() {
        return pkce.state();
    }

    public String nonce() {
        return pkce.nonce();
    }

    public String codeVerifier() {
        return pkce.verifier();
    }

    public String authorizationUrl(Map<String, String> extra) {
        return pkce.authorizationUrl(realmUrl, CLIENT_ID, REDIRECT_URI, extra);
    }

    public String authorizationUrl() {
        return authorizationUrl(Map.of());
    }
}
