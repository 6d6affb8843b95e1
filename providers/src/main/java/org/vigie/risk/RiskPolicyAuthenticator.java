package org.vigie.risk;

import jakarta.ws.rs.core.Response;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.common.ClientNames;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.IdentifiedPractitioner;

/**
 * Refuses logins at unusual hours before any push is sent: outside the policy's windows (in its
 * time zone, holidays included), unless the practitioner or one of their groups holds an
 * exception covering now. The same policy is checked again when the approval arrives (device
 * API), and its push limits are applied when the push is created (device approval step).
 */
public class RiskPolicyAuthenticator implements Authenticator {

    public static final String RESULT_FORM = "vigie-approval-result.ftl";
    private static final Logger LOG = Logger.getLogger(RiskPolicyAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        RiskPolicy policy;
        try {
            policy = RiskPolicies.forConfig(context.getAuthenticatorConfig());
        } catch (RiskPolicy.InvalidPolicyException e) {
            // Fail closed: a half-read policy could open the night to fraudsters.
            LOG.errorf("Vigie risk policy of realm %s is invalid, every login is refused until it is fixed: %s",
                    context.getRealm().getName(), e.getMessage());
            VigieEvents.loginRefused(context.getEvent(), VigieEvents.REASON_POLICY_MISCONFIGURED);
            context.failureChallenge(AuthenticationFlowError.INTERNAL_ERROR, page(context, "unavailable", null, ""));
            return;
        }
        RiskPolicyRef.ofConfig(context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getId())
                .recordOn(context.getAuthenticationSession());
        context.getAuthenticationSession().removeAuthNote(RiskPolicies.NOTE_STEP_UP);

        // Inside the windows nobody is looked up: the same work for every identifier. Outside,
        // the practitioner's (or their groups') on-call exceptions are read.
        if (policy.windows().allows(RiskPolicies.now(policy))) {
            context.success();
            return;
        }
        Optional<UserModel> user = IdentifiedPractitioner.user(context);
        if (RiskPolicies.allowsNow(policy, user.orElse(null))) {
            context.success();
            return;
        }
        if (policy.action() == RiskPolicy.OffHoursAction.STEP_UP) {
            context.getAuthenticationSession().setAuthNote(RiskPolicies.NOTE_STEP_UP, VigieEvents.REASON_OFF_HOURS_PUSH);
            context.success();
            return;
        }
        ZonedDateTime now = RiskPolicies.now(policy);
        String nextAllowed = policy.windows().nextAllowed(now).map(next -> format(context, next)).orElse(null);
        EventBuilder event = context.getEvent().clone().detail("vigie_local_time", now.toLocalDateTime().toString());
        user.ifPresent(u -> {
            event.user(u);
            RiskAlerts.offHoursBlocked(context.getSession(), context.getRealm(), u,
                    clientName(context), context.getConnection().getRemoteAddr(), format(context, now));
        });
        VigieEvents.loginRefused(event, VigieEvents.REASON_OFF_HOURS_PUSH);
        context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, page(context, "offHours", nextAllowed, policy.supportContact()));
    }

    private static String clientName(AuthenticationFlowContext context) {
        return ClientNames.display(context.getAuthenticationSession().getClient());
    }

    private static String format(AuthenticationFlowContext context, ZonedDateTime at) {
        Locale locale = context.getSession().getContext().resolveLocale(null);
        return at.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale));
    }

    private static Response page(AuthenticationFlowContext context, String outcome, String nextAllowed, String contact) {
        var form = context.form()
                .setAttribute("nationalId", IdentifiedPractitioner.nationalId(context))
                .setAttribute("vigieOutcome", outcome)
                .setAttribute("vigieReportContact", contact);
        if (nextAllowed != null) {
            form.setAttribute("vigieNextAllowed", nextAllowed);
        }
        return form.createForm(RESULT_FORM);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (context.getHttpRequest().getDecodedFormParameters().containsKey("cancel")) {
            VigieEvents.userQuit(context.getEvent(), "risk-policy");
            context.cancelLogin();
            return;
        }
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
