package org.vigie.health.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Map;
import org.vigie.health.identity.IdToken;
import org.vigie.health.identity.Professional;
import org.vigie.health.vaccination.ActForm;
import org.vigie.health.vaccination.Patient;
import org.vigie.health.vaccination.VaccinationAct;

/** The service's pages (src/main/resources/templates), checked against these parameters at build time. */
@CheckedTemplate
public class Templates {

    public static native TemplateInstance home(Professional me);

    public static native TemplateInstance demoLanding(boolean withCode, String error);

    public static native TemplateInstance vaccinations(Professional me, List<VaccinationAct> acts, String search,
            ActForm form, List<String> errors, List<Patient> patients, Map<String, String> vaccines,
            Map<String, String> sites, VaccinationAct recorded, String today);

    public static native TemplateInstance whoAmI(Professional me, IdToken token, String refPro, String act,
            String authTime);

    public static native TemplateInstance insufficientLevel(String receivedAcr, String requiredAcr);

    public static native TemplateInstance refused(String reason);
}
