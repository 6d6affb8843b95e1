package org.vigie.health.web;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.vigie.health.identity.Professional;
import org.vigie.health.identity.SignedIn;

/** Public pages: home, and where the demo client's login (vigie-demo) lands. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    SignedIn signedIn;

    @GET
    public TemplateInstance home() {
        Professional me = null;
        if (!identity.isAnonymous()) {
            try {
                me = signedIn.professional();
            } catch (RuntimeException e) {
                me = null; // the home page is public: a refused session just shows the sign-in button
            }
        }
        return Templates.home(me);
    }

    /** Signs in (code flow to Vigie) and goes to the acts. */
    @GET
    @Path("connexion")
    @Authenticated
    public Response signIn() {
        return Response.seeOther(URI.create("/vaccinations")).build();
    }

    /**
     * The redirect URI of the public demo client {@code vigie-demo} ({@code ./vigie start}'s
     * printed URL): its code is for that client, not for this service, so the page explains the
     * next step instead of trying to use it.
     */
    @GET
    @Path("callback")
    public TemplateInstance demoLanding(@QueryParam("code") String code, @QueryParam("error") String error) {
        String shownError = error == null ? null : error.substring(0, Math.min(error.length(), 60));
        return Templates.demoLanding(code != null && !code.isBlank(), shownError);
    }
}
