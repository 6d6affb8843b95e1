package org.vigie.health.web;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.vigie.health.identity.IdToken;
import org.vigie.health.identity.Professional;
import org.vigie.health.identity.SignedIn;
import org.vigie.health.vaccination.Dates;

/** "Qui suis-je ?": what the service received from Vigie, for a person to read. */
@Path("/moi")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class WhoAmIResource {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm:ss (VV)", Locale.FRENCH);

    @Inject
    SignedIn signedIn;

    @GET
    public TemplateInstance whoAmI() {
        Professional me = signedIn.professional();
        IdToken token = signedIn.idToken();
        String authTime = me.authTime().map(t -> WHEN.format(t.atZone(Dates.ZONE))).orElse("non communiqué");
        return Templates.whoAmI(me, token, pretty(token, "SubjectRefPro"), pretty(token, "act"), authTime);
    }

    private static String pretty(IdToken token, String claim) {
        JsonValue value = token.claims().get(claim);
        return value == null ? null : IdToken.pretty(value);
    }
}
