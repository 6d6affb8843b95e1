package org.vigie.device;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.vigie.identifier.PractitionerLookup;

/**
 * Shows an activation code for the practitioner's phone app and waits until a new device was
 * enrolled with it. The code stays the same while the page is reloaded (kept in the
 * authentication session, which only this browser holds) and is replaced once expired.
 */
public class DeviceEnrolmentRequiredAction implements RequiredActionProvider {

    static final String NOTE_CODE = "vigie.enrol.code";
    static final String NOTE_EXPIRES_AT = "vigie.enrol.expiresAt";
    static final String NOTE_KNOWN_DEVICES = "vigie.enrol.knownDevices";
    static final String TEMPLATE = "vigie-enrol-device.ftl";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void initiatedActionCanceled(KeycloakSession session, AuthenticationSessionModel authSession) {
        // The application's "add a phone" was cancelled: the code shown must not stay usable.
        if (authSession.getAuthenticatedUser() != null && authSession.getAuthNote(NOTE_CODE) != null) {
            ActivationCodes.withdraw(authSession.getAuthenticatedUser());
        }
        clear(authSession);
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Only operators (or the practitioner's application) ask for it.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("newCode")) {
            // A new code, not a new action: devices enrolled since the action began still count.
            context.getAuthenticationSession().removeAuthNote(NOTE_CODE);
            context.challenge(page(context, null));
            return;
        }
        if (!newDeviceEnrolled(context)) {
            context.challenge(page(context, "vigieEnrolNotYet"));
            return;
        }
        ActivationCodes.withdraw(context.getUser());
        clear(context.getAuthenticationSession());
        context.success();
    }

    private jakarta.ws.rs.core.Response page(RequiredActionContext context, String error) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        long now = Time.currentTime();
        String code = authSession.getAuthNote(NOTE_CODE);
        String expiresAt = authSession.getAuthNote(NOTE_EXPIRES_AT);
        if (authSession.getAuthNote(NOTE_KNOWN_DEVICES) == null) {
            // Once per action: a device enrolled with any code shown since counts as new.
            authSession.setAuthNote(NOTE_KNOWN_DEVICES, String.join(",", deviceIds(user)));
        }
        // A new code when none was shown yet, or the one shown expired, was used, or was withdrawn
        // (five wrong attempts by someone else, a newer code from an operator).
        if (code == null || expiresAt == null || Long.parseLong(expiresAt) <= now || !ActivationCodes.hasOutstanding(user)) {
            ActivationCodes.Issued issued = ActivationCodes.issue(context.getSession(), context.getRealm(), user,
                    DeviceEnrolmentRequiredActionFactory.ttlOf(context.getConfig()), ActivationCodes.DEFAULT_MAX_ATTEMPTS);
            code = issued.code();
            expiresAt = Long.toString(issued.expiresAt());
            authSession.setAuthNote(NOTE_CODE, code);
            authSession.setAuthNote(NOTE_EXPIRES_AT, expiresAt);
            ActivationCodes.recordIssued(context.getSession(), context.getRealm(), context.getConnection(), authSession.getClient(),
                    user, issued, DeviceEnrolmentRequiredActionFactory.PROVIDER_ID);
        }
        LoginFormsProvider form = context.form()
                .setAttribute("vigieActivationCode", code)
                .setAttribute("vigieCodeMinutes", Math.max(1, (Long.parseLong(expiresAt) - now + 59) / 60))
                .setAttribute("vigieIdentifier", nationalIdOf(context))
                .setAttribute("vigieRealmUrl", context.getUriInfo().getBaseUriBuilder()
                        .path("realms").path(context.getRealm().getName()).build().toString());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    /** What the practitioner types in the app: the national id enrolment looks up, as the identifier step is configured. */
    private static String nationalIdOf(RequiredActionContext context) {
        PractitionerLookup lookup = PractitionerLookup.ofBrowserFlow(context.getRealm());
        return lookup.nationalIds(context.getUser()).stream().findFirst().orElse(context.getUser().getUsername());
    }

    private static boolean newDeviceEnrolled(RequiredActionContext context) {
        String known = context.getAuthenticationSession().getAuthNote(NOTE_KNOWN_DEVICES);
        Set<String> before = known == null || known.isEmpty() ? Set.of() : Arrays.stream(known.split(",")).collect(Collectors.toSet());
        return deviceIds(context.getUser()).stream().anyMatch(id -> !before.contains(id));
    }

    private static Set<String> deviceIds(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(DeviceCredentialModel.TYPE)
                .map(c -> c.getId()).collect(Collectors.toSet());
    }

    private static void clear(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE_CODE);
        authSession.removeAuthNote(NOTE_EXPIRES_AT);
        authSession.removeAuthNote(NOTE_KNOWN_DEVICES);
    }

    @Override
    public void close() {
    }
}
