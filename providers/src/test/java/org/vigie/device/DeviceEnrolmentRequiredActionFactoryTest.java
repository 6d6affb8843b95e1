package org.vigie.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.RequiredActionConfigModel;

class DeviceEnrolmentRequiredActionFactoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "59", "86401", "-600", "600s", "1e3"})
    void lifetimesOutOfRangeOrNotWholeSecondsAreRefused(String value) {
        assertTrue(ActivationCodes.TTL.problem(value).isPresent());
    }

    @Test
    void lifetimesInRangeAreTakenWhereverTheCodeIsIssued() {
        // The required action and the admin REST API share these bounds.
        assertTrue(ActivationCodes.TTL.problem("60").isEmpty());
        assertTrue(ActivationCodes.TTL.problem(" 86400 ").isEmpty());
        assertEquals(3600, DeviceEnrolmentRequiredActionFactory.ttlOf(config(Map.of("activationCodeTtlSeconds", "3600"))));
    }

    @Test
    void withoutANumberTheDefaultTenMinutesApplyAndOutOfBoundsIsBroughtBack() {
        assertEquals(600, DeviceEnrolmentRequiredActionFactory.ttlOf(null));
        assertEquals(600, DeviceEnrolmentRequiredActionFactory.ttlOf(config(Map.of())));
        assertEquals(600, DeviceEnrolmentRequiredActionFactory.ttlOf(config(Map.of("activationCodeTtlSeconds", "ten"))));
        assertEquals(60, DeviceEnrolmentRequiredActionFactory.ttlOf(config(Map.of("activationCodeTtlSeconds", "5"))));
        assertEquals(120, DeviceEnrolmentRequiredActionFactory.ttlOf(config(Map.of("activationCodeTtlSeconds", "120"))));
    }

    private static RequiredActionConfigModel config(Map<String, String> values) {
        RequiredActionConfigModel model = new RequiredActionConfigModel();
        model.setConfig(new java.util.HashMap<>(values));
        return model;
    }
}
