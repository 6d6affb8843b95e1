package org.vigie.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.RequiredActionConfigModel;

class DeviceEnrolmentRequiredActionFactoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "59", "3601", "-600", "600s", "1e3"})
    void lifetimesOutOfRangeOrNotWholeSecondsAreRefused(String value) {
        assertNull(DeviceEnrolmentRequiredActionFactory.parseTtl(value));
    }

    @Test
    void lifetimesInRangeAreTaken() {
        assertEquals(60, DeviceEnrolmentRequiredActionFactory.parseTtl("60"));
        assertEquals(3600, DeviceEnrolmentRequiredActionFactory.parseTtl(" 3600 "));
    }

    @Test
    void withoutAValidSettingTheDefaultTenMinutesApply() {
        assertEquals(600, DeviceEnrolmentRequiredActionFactory.ttlOf(null));
        assertEquals(600, DeviceEnrolmentRequiredActionFactory.ttlOf(config(Map.of())));
        assertEquals(600, DeviceEnrolmentRequiredActionFactory.ttlOf(config(Map.of("activationCodeTtlSeconds", "5"))));
        assertEquals(120, DeviceEnrolmentRequiredActionFactory.ttlOf(config(Map.of("activationCodeTtlSeconds", "120"))));
    }

    private static RequiredActionConfigModel config(Map<String, String> values) {
        RequiredActionConfigModel model = new RequiredActionConfigModel();
        model.setConfig(new java.util.HashMap<>(values));
        return model;
    }
}
