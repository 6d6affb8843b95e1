package org.vigie.delegation;

import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.vigie.challenge.ChallengeUrls;
import org.vigie.challenge.PushChallenge;

/** The delegation step's pages (theme templates {@code vigie-delegation-*.ftl}). */
final class DelegationPages {

    private DelegationPages() {
    }

    static Response offer(AuthenticationFlowContext context, String typed, String error) {
        DelegationSettings settings = DelegationSettings.of(context.getAuthenticatorConfig());
        LoginFormsProvider form = base(context)
                .setAttribute("vigieDurations", settings.choices())
                .setAttribute("vigieDefaultDuration", settings.defaultMinutes())
                .setAttribute("vigieAssistantName", displayName(DelegationAuthenticator.assistant(context)));
        if (typed != null) {
            form.setAttribute("vigiePractitioner", typed);
        }
        if (error != null) {
            form.addError(new FormMessage("practitioner", error));
        }
        return form.createForm(DelegationAuthenticator.OFFER_FORM);
    }

    static Response waiting(AuthenticationFlowContext context, PushChallenge challenge) {
        return base(context)
                .setAttribute("vigieCode", challenge.code().value())
                .setAttribute("vigiePractitioner", challenge.nationalId())
                .setAttribute("vigieUntil", untilText(context, challenge.purpose().delegatedUntil()))
                .setAttribute("vigieExpiresIn", Math.max(0, challenge.expiresAt() - Time.currentTime()))
                .setAttribute("vigieStatusUrl", ChallengeUrls.statusUrl(context.getSession(), context.getRealm(), challenge))
                .createForm(DelegationAuthenticator.WAIT_FORM);
    }

    static Response result(AuthenticationFlowContext context, String outcome, String nationalId) {
        return base(context).setAttribute("vigieOutcome", outcome)
                .setAttribute("vigiePractitioner", nonNull(nationalId))
                .createForm(DelegationAuthenticator.RESULT_FORM);
    }

    private static LoginFormsProvider base(AuthenticationFlowContext context) {
        return context.form().setAttribute("vigieClientName", Delegations.clientName(context.getAuthenticationSession().getClient()));
    }

    static String untilText(AuthenticationFlowContext context, long until) {
        return DateTimeFormatter.ofPattern("HH:mm").withZone(DelegationRequest.zone(context)).format(Instant.ofEpochSecond(until));
    }

    static String displayName(UserModel user) {
        String name = (nonNull(user.getFirstName()) + " " + nonNull(user.getLastName())).trim();
        return name.isEmpty() ? user.getUsername() : name;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
