package org.vigie.delegation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.AuthenticatorConfigModel;

/** The delegation step's settings, brought back within their bounds (never more than 12 hours). */
public record DelegationSettings(int defaultMinutes, int maxMinutes) {

    public static final String DEFAULT_DURATION = "defaultDurationMinutes";
    public static final String MAX_DURATION = "maxDurationMinutes";
    public static final int LIMIT_MINUTES = 12 * 60;
    public static final int MIN_MINUTES = 15;
    public static final int DEFAULT_MINUTES = 4 * 60;
    /** The durations the assistant picks from (those up to the maximum, and the default). */
    private static final int[] CHOICES = {30, 60, 120, 240, 480, 720};

    public static DelegationSettings of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        int max = bounded(config.get(MAX_DURATION), LIMIT_MINUTES);
        int def = Math.min(bounded(config.get(DEFAULT_DURATION), DEFAULT_MINUTES), max);
        return new DelegationSettings(def, max);
    }

    private static int bounded(String value, int fallback) {
        try {
            int minutes = Integer.parseInt(value == null ? "" : value.trim());
            return Math.max(MIN_MINUTES, Math.min(LIMIT_MINUTES, minutes));
        } catch (NumberFormatException e) {
            return fallback;
        }
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
