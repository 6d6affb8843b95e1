package org.vigie.risk;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class RiskPolicyAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "vigie-risk-policy";
    private static final RiskPolicyAuthenticator SINGLETON = new RiskPolicyAuthenticator();
    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        CONFIG.add(property(RiskPolicy.TIME_ZONE, "Time zone", "Region whose local time the windows use (daylight saving "
                + "included), e.g. Europe/Paris, Indian/Reunion, America/Cayenne.", ProviderConfigProperty.STRING_TYPE,
                RiskPolicy.DEFAULT_TIME_ZONE));
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            CONFIG.add(property(RiskPolicy.windowKey(day), name + " windows",
                    "Hours when approvals are allowed on " + name + ": HH:MM-HH:MM, several separated by commas "
                            + "(e.g. 07:00-12:30,13:30-21:00); empty: none that day; 24:00 allowed as an end.",
                    ProviderConfigProperty.STRING_TYPE, RiskPolicy.defaultWindow(day)));
        }
        CONFIG.add(property(RiskPolicy.HOLIDAYS, "Public holidays", "Dates (YYYY-MM-DD) with no window at all. "
                + "Keep the list current each year.", ProviderConfigProperty.MULTIVALUED_STRING_TYPE,
                String.join(RiskPolicy.MULTIVALUE_SEPARATOR, RiskPolicy.DEFAULT_HOLIDAYS)));
        ProviderConfigProperty action = property(RiskPolicy.OFF_HOURS_ACTION, "Outside the windows",
                "block: refuse with a page saying why and when it will work. step-up: let the login go on but require the "
                        + "sub-flow guarded by the condition 'Vigie step-up required' (e.g. WebAuthn or a CPS card certificate).",
                ProviderConfigProperty.LIST_TYPE, "block");
        action.setOptions(List.of("block", "step-up"));
        CONFIG.add(action);
        CONFIG.add(property(RiskPolicy.EXCEPTION_ATTRIBUTE, "Exception attribute", "User or group attribute holding "
                + "exceptions for legitimate work outside the windows (on-call duty, night vaccination sessions): "
                + "START/END ranges in local time, e.g. 2026-11-22T20:00/2026-11-23T08:00.",
                ProviderConfigProperty.STRING_TYPE, RiskPolicy.DEFAULT_EXCEPTION_ATTRIBUTE));
        CONFIG.add(property(RiskPolicy.MAX_PUSHES_PER_USER, "Pushes per practitioner and browser address",
                "At most this many push notifications for logins of one practitioner from one browser address in the rate "
                        + "window (a denial counts twice). Limits hold back notifications only: past them the login still "
                        + "waits and the practitioner approves it from the app's list.",
                ProviderConfigProperty.INTEGER_TYPE, Integer.toString(PushLimits.DEFAULT_PER_USER)));
        CONFIG.add(property(RiskPolicy.MAX_PUSHES_PER_USER_ALL_ADDRESSES, "Pushes per practitioner, all addresses",
                "At most this many push notifications for one practitioner in the rate window, whatever the browser address "
                        + "(push bombing from many addresses).",
                ProviderConfigProperty.INTEGER_TYPE, Integer.toString(PushLimits.DEFAULT_PER_USER_ALL_ADDRESSES)));
        CONFIG.add(property(RiskPolicy.MAX_PUSHES_PER_IP, "Pushes per browser IP",
                "At most this many pushes started from one IP address, all practitioners together, in the rate window.",
                ProviderConfigProperty.INTEGER_TYPE, Integer.toString(PushLimits.DEFAULT_PER_IP)));
        CONFIG.add(property(RiskPolicy.RATE_WINDOW_MINUTES, "Rate window (minutes)", "The sliding window of the two limits above.",
                ProviderConfigProperty.INTEGER_TYPE, Integer.toString(PushLimits.DEFAULT_WINDOW_MINUTES)));
        CONFIG.add(property(RiskPolicy.MAX_PUSHES_SINCE_SUCCESS, "Pushes since the last success",
                "At most this many push notifications for one practitioner from one browser address since their last "
                        + "successful login (NIST SP 800-63B-4); remembered 24 hours.",
                ProviderConfigProperty.INTEGER_TYPE, Integer.toString(PushLimits.DEFAULT_SINCE_SUCCESS)));
        CONFIG.add(property(RiskPolicy.SUPPORT_CONTACT, "Whom to contact", "Shown on the block page (support desk "
                + "address, phone or URL).", ProviderConfigProperty.STRING_TYPE, ""));
    }

    private static ProviderConfigProperty property(String name, String label, String help, String type, String defaultValue) {
        return new ProviderConfigProperty(name, label, help, type, defaultValue);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie risk policy";
    }

    @Override
    public String getReferenceCategory() {
        return "vigie-risk-policy";
    }

    @Override
    public String getHelpText() {
        return "Refuses approvals at unusual hours (time windows, holidays, per-practitioner or group exceptions) before any "
                + "push and again when the approval arrives, and sets the push-bombing limits. Put it between the identifier "
                + "and the device approval steps. An invalid setting makes it refuse every login (see the server log).";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED
        };
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
