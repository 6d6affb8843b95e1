package org.vigie.health.web;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.vigie.health.identity.Professional;
import org.vigie.health.identity.SignedIn;
import org.vigie.health.vaccination.ActForm;
import org.vigie.health.vaccination.Catalogue;
import org.vigie.health.vaccination.Dates;
import org.vigie.health.vaccination.Patient;
import org.vigie.health.vaccination.VaccinationAct;

/** The acts a practitioner recorded: list, search, record one. */
@Path("/vaccinations")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class VaccinationResource {

    static final int MAX_SEARCH = 80;

    @Inject
    SignedIn signedIn;

    @GET
    public Response list(@QueryParam("recherche") String search, @QueryParam("enregistre") Long recordedId) {
        Professional me = signedIn.professional();
        String query = search == null ? "" : search.strip();
        if (query.length() > MAX_SEARCH) {
            return page(me, "", ActForm.blank(), List.of("La recherche est trop longue (" + MAX_SEARCH + " caractères au plus)."),
                    null, Response.Status.BAD_REQUEST);
        }
        VaccinationAct recorded = recordedId == null ? null : VaccinationAct.<VaccinationAct>findByIdOptional(recordedId)
                .filter(act -> act.practitionerId.equals(me.nationalId())).orElse(null);
        return page(me, query, ActForm.blank(), List.of(), recorded, Response.Status.OK);
    }

    /** Records an act in the signed-in practitioner's name; a form with any error stores nothing (400). */
    @POST
    @Transactional
    public Response record(@FormParam("patient") String patient, @FormParam("vaccin") String vaccine,
            @FormParam("lot") String lot, @FormParam("site") String site, @FormParam("date") String date,
            @FormParam("remarque") String remarks) {
        Professional me = signedIn.professional();
        ActForm form = new ActForm(patient, vaccine, lot, site, date, remarks).validate();
        if (!form.valid()) {
            return page(me, "", form, form.errors(), null, Response.Status.BAD_REQUEST);
        }
        VaccinationAct act = new VaccinationAct();
        act.patient = form.patientFound().orElseThrow();
        act.vaccineCode = form.vaccine;
        act.lotNumber = form.lot;
        act.siteCode = form.site;
        act.administeredOn = form.parsedDate();
        act.remarks = form.remarks.isEmpty() ? null : form.remarks;
        act.practitionerId = me.nationalId();
        act.practitionerName = cut(me.displayName(), 160);
        act.professionCode = cut(me.professionCode(), 8);
        act.practiceSite = cut(me.practiceSite(), 300);
        me.assistant().ifPresent(assistant -> {
            act.assistantId = cut(assistant.id(), 32);
            act.assistantName = cut(assistant.name(), 160);
        });
        act.recordedAt = Instant.now();
        act.persist();
        // Post/redirect/get: reloading the page does not record the act twice.
        return Response.seeOther(URI.create("/vaccinations?enregistre=" + act.id)).build();
    }

    private Response page(Professional me, String search, ActForm form, List<String> errors, VaccinationAct recorded,
            Response.Status status) {
        TemplateInstance page = Templates.vaccinations(me, VaccinationAct.recordedBy(me.nationalId(), search), search,
                form, errors, Patient.ordered(), Catalogue.VACCINES, Catalogue.SITES, recorded, Dates.today().toString());
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
