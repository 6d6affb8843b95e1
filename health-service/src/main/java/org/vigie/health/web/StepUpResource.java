package org.vigie.health.web;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Step-up: ends this service's own session (not Vigie's) and sends the browser back through the
 * code flow, whose authorization request always carries {@code acr_values=eidas1}.
 */
@Path("/reconnexion")
@Authenticated
public class StepUpResource {

    @Inject
    OidcSession session;

    @GET
    public Response stepUp() {
        session.logout().await().indefinitely();
        return Response.seeOther(URI.create("/vaccinations")).build();
    }
}
