package org.vigie.delegation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

class DelegationSettingsTest {

    private static DelegationSettings of(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return DelegationSettings.of(model);
    }

    @Test
    void defaultsAreFourHoursAndAtMostTwelve() {
        DelegationSettings settings = DelegationSettings.of(null);
        assertEquals(240, settings.defaultMinutes());
        assertEquals(720, settings.maxMinutes());
        assertEquals(List.of(30, 60, 120, 240, 480, 720), settings.choices());
    }

    @Test
    void neverMoreThanTwelveHoursNorLessThanFifteenMinutes() {
        assertEquals(720, of(Map.of("maxDurationMinutes", "100000")).maxMinutes());
        assertEquals(15, of(Map.of("maxDurationMinutes", "1")).maxMinutes());
        assertEquals(720, of(Map.of("maxDurationMinutes", "twelve")).maxMinutes());
    }

    @Test
    void theDefaultIsNeverAboveTheMaximumAndIsAlwaysAChoice() {
        DelegationSettings settings = of(Map.of("maxDurationMinutes", "90", "defaultDurationMinutes", "600"));
        assertEquals(90, settings.defaultMinutes());
        assertEquals(List.of(30, 60, 90), settings.choices());
        assertEquals(List.of(15), of(Map.of("maxDurationMinutes", "15")).choices());
    }
}
