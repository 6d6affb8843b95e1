package org.vigie.delegation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.AuthenticatorConfigModel;
import org.vigie.common.BoundedSetting;

/** The delegation step's settings, brought back within their bounds (never more than 12 hours). */
public record DelegationSettings(int defaultMinutes, int maxMinutes) {

    public static final String DEFAULT_DURATION = "defaultDurationMinutes";
    public static final String MAX_DURATION = "maxDurationMinutes";
    public static final int LIMIT_MINUTES = 12 * 60;
    public static final int MIN_MINUTES = 15;
    public static final int DEFAULT_MINUTES = 4 * 60;
    private static final BoundedSetting MAX_SETTING = new BoundedSetting(MAX_DURATION, LIMIT_MINUTES, MIN_MINUTES, LIMIT_MINUTES);
    private static final BoundedSetting DEFAULT_SETTING = new BoundedSetting(DEFAULT_DURATION, DEFAULT_MINUTES, MIN_MINUTES, LIMIT_MINUTES);
    /** The durations the assistant picks from (those up to the maximum, and the default). */
    private static final int[] CHOICES = {30, 60, 120, 240, 480, 720};

    public static DelegationSettings of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null ? null : model.getConfig();
        int max = MAX_SETTING.read(config);
        int def = Math.min(DEFAULT_SETTING.read(config), max);
        return new DelegationSettings(def, max);
    }

    public List<Integer> choices() {
        List<Integer> choices = new ArrayList<>();
        for (int minutes : CHOICES) {
            if (minutes <= maxMinutes && minutes != defaultMinutes) {
                choices.add(minutes);
            }
        }
        choices.add(defaultMinutes);
        choices.sort(Integer::compare);
        return choices;
    }
}
