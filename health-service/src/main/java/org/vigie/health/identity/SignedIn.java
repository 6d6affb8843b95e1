package org.vigie.health.identity;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in practitioner of this request. In the code flow, quarkus-oidc makes the verified ID
 * token the principal; every page of the service goes through {@link #professional()}, which
 * refuses a session below acr=eidas1.
 */
@RequestScoped
public class SignedIn {

    @Inject
    SecurityIdentity identity;

    private IdToken token;

    public IdToken idToken() {
        if (token == null) {
            IdTokenCredential credential = identity.getCredential(IdTokenCredential.class);
            String raw = credential != null ? credential.getToken()
                    : identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getRawToken() : null;
            if (raw == null) {
                throw new IllegalStateException("no ID token in this session");
            }
            token = IdToken.decode(raw);
        }
        return token;
    }

    /** The practitioner, at the required level, or {@link InsufficientLevelException}. */
    public Professional professional() {
        Professional professional = Professional.fromClaims(idToken().claims());
        if (!professional.meetsRequiredLevel()) {
            throw new InsufficientLevelException(professional.acr());
        }
        return professional;
    }
}
